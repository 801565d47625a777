package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named Zope installation: its HTTP management access and, for a target, the SSH access to its import
 * directory. A source needs no SSH settings. Immutable.
 */
public final class Environment implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final ZopeServer zope;
    private final @Nullable SshSettings ssh;

    private Environment(String name, ZopeServer zope, @Nullable SshSettings ssh) {
        this.name = name;
        this.zope = zope;
        this.ssh = ssh;
    }

    /**
     * @param ssh the SSH settings, or {@code null} for an environment used only as a source
     * @throws InvalidInputException if the name is not a plain word of letters, digits, {@code . _ -}
     */
    public static Environment of(String name, ZopeServer zope, @Nullable SshSettings ssh) {
        return new Environment(checkName(name), Objects.requireNonNull(zope, "zope"), ssh);
    }

    /**
     * Checks an environment name: 1 to 64 of {@code [A-Za-z0-9._-]}, starting with a letter or digit. Names
     * become part of file names in bundles ({@code replaced/<name>/}).
     */
    public static String checkName(@Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidInputException.of("environment name must be 1 to 64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit: %s", name == null ? "null" : ZopeIds.printable(name));
        }
        return name;
    }

    public String getName() {
        return name;
    }

    public ZopeServer getZope() {
        return zope;
    }

    public Optional<SshSettings> getSsh() {
        return Optional.ofNullable(ssh);
    }

    @Override
    public String toString() {
        return name + " " + zope.getUrl() + (ssh == null ? "" : " via " + ssh.getEndpoint());
    }
}
