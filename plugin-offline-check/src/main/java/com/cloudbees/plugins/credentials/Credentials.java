// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    CredentialsDescriptor getDescriptor();
}
