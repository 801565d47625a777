package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.ssh.SshKey;
import java.util.Objects;

/** An SSH login taken from a Jenkins credential: the user name and the private key (with its passphrase). */
public record SshLogin(String username, SshKey key) {
    public SshLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(key, "key");
    }
}
