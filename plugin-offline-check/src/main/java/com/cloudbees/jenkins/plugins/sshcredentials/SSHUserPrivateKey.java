// Offline declaration (signatures only, bodies throw): jenkinsci/ssh-credentials-plugin src/main/java/com/cloudbees/jenkins/plugins/sshcredentials/SSHUserPrivateKey.java
// at 7cfbb01 (HEAD of the stored mirror, 2026-02-05). See plugin-offline-check/README.md.
package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.util.Secret;
import java.util.List;

public interface SSHUserPrivateKey extends StandardUsernameCredentials {
    Secret getPassphrase();

    List<String> getPrivateKeys();
}
