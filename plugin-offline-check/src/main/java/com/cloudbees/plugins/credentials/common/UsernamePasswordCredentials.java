// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/UsernamePasswordCredentials.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials.common;

public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
