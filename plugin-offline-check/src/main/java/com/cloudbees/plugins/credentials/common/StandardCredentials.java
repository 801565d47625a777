// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
