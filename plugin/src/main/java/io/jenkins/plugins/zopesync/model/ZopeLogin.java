package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.kernel.SecretValue;
import java.util.Objects;

/**
 * A Zope management login taken from a Jenkins credential: the user name and the password as a
 * {@link SecretValue}, which never prints itself.
 */
public record ZopeLogin(String username, SecretValue password) {
    public ZopeLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }
}
