// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/PasswordCredentials.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;

public interface PasswordCredentials extends Credentials {
    Secret getPassword();
}
