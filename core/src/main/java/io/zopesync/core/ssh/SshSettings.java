package io.zopesync.core.ssh;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a target's import directory over SSH: host, port, user, key, host key verification, the import
 * directory (an absolute path, e.g. {@code /srv/zope/instance/import}), the protocol and the cipher preference.
 * Build with {@link #builder(String, String)}; {@code build()} checks every value. Immutable.
 */
public final class SshSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Fastest first: JSch's AES-GCM uses the JDK's intrinsics; its chacha20 is pure Java and slow. */
    public static final List<String> DEFAULT_CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "aes128-ctr", "aes192-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com");

    private final String host;
    private final int port;
    private final String username;
    private final SshKey key;
    private final HostKeyPolicy hostKey;
    private final String importDir;
    private final TransferProtocol protocol;
    private final List<String> ciphers;

    private SshSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.key = b.key;
        this.hostKey = b.hostKey;
        this.importDir = b.importDir;
        this.protocol = b.protocol;
        this.ciphers = List.copyOf(b.ciphers);
    }

    /**
     * @param environment the environment's name, for messages
     * @param host the SSH host name or address
     */
    public static Builder builder(String environment, String host) {
        return new Builder(environment, host);
    }

    /**
     * Checks an import directory: absolute, no {@code ..} segment, no control characters.
     *
     * @throws InvalidInputException naming the environment and the directory
     */
    public static String checkImportDir(String environment, String dir) {
        if (dir == null || dir.isBlank()) {
            throw InvalidInputException.of("import directory of environment '%s' must not be empty", environment);
        }
        if (!dir.startsWith("/")) {
            throw InvalidInputException.of("import directory of environment '%s' must be an absolute path: %s",
                    environment, ZopeIds.printable(dir));
        }
        for (String segment : dir.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw InvalidInputException.of("import directory of environment '%s' must not contain '%s': %s",
                        environment, segment, ZopeIds.printable(dir));
            }
        }
        if (dir.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw InvalidInputException.of("import directory of environment '%s' has a control character: %s",
                    environment, ZopeIds.printable(dir));
        }
        String trimmed = dir.replaceAll("/+", "/");
        return trimmed.length() > 1 && trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUsername() {
        return username;
    }

    public SshKey getKey() {
        return key;
    }

    public HostKeyPolicy getHostKey() {
        return hostKey;
    }

    /** The absolute import directory, without a trailing slash. */
    public String getImportDir() {
        return importDir;
    }

    public TransferProtocol getProtocol() {
        return protocol;
    }

    /** The ciphers offered, most preferred first. */
    public List<String> getCiphers() {
        return ciphers;
    }

    /** {@code user@host:port}: targets with the same endpoint share one SSH session. */
    public String getEndpoint() {
        return username + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return getEndpoint() + ":" + importDir + " (" + protocol + ", " + hostKey + ")";
    }

    /** Builds {@link SshSettings}; {@link #build()} validates. */
    public static final class Builder {
        private final String environment;
        private final String host;
        private int port = 22;
        private @Nullable String username;
        private @Nullable SshKey key;
        private @Nullable HostKeyPolicy hostKey;
        private @Nullable String importDir;
        private TransferProtocol protocol = TransferProtocol.SFTP;
        private List<String> ciphers = DEFAULT_CIPHERS;

        private Builder(String environment, String host) {
            this.environment = Objects.requireNonNull(environment, "environment");
            this.host = host;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder key(SshKey key) {
            this.key = key;
            return this;
        }

        public Builder hostKey(HostKeyPolicy hostKey) {
            this.hostKey = hostKey;
            return this;
        }

        public Builder importDir(String importDir) {
            this.importDir = importDir;
            return this;
        }

        public Builder protocol(TransferProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        public Builder ciphers(List<String> ciphers) {
            this.ciphers = List.copyOf(ciphers);
            return this;
        }

        /** @throws InvalidInputException naming the environment and the bad value */
        public SshSettings build() {
            if (host == null || host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c)
                    || Character.isISOControl(c)) || host.startsWith("-") || host.contains("@")) {
                throw InvalidInputException.of("SSH host of environment '%s' is not a host name: %s", environment,
                        host == null ? "null" : ZopeIds.printable(host));
            }
            if (port < 1 || port > 65535) {
                throw InvalidInputException.of("SSH port of environment '%s' must be 1 to 65535: %d", environment,
                        port);
            }
            if (username == null || username.isBlank() || username.startsWith("-")
                    || username.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                            || c == '@' || c == ':')) {
                throw InvalidInputException.of("SSH user of environment '%s' is not a user name: %s", environment,
                        username == null ? "null" : ZopeIds.printable(username));
            }
            if (key == null) {
                throw InvalidInputException.of("SSH key of environment '%s' is missing", environment);
            }
            if (hostKey == null) {
                throw InvalidInputException.of("host key verification of environment '%s' is missing: pin a key"
                        + " or fingerprint, give a known_hosts file, or accept any key explicitly", environment);
            }
            importDir = checkImportDir(environment, importDir);
            if (ciphers.isEmpty()) {
                throw InvalidInputException.of("cipher list of environment '%s' must not be empty", environment);
            }
            return new SshSettings(this);
        }
    }
}
