package io.jenkins.plugins.zopesync.model;

/**
 * The SSH block of a configured environment as typed, before any check: what {@code SshAccess} holds, without
 * Jenkins types, so that validation and the mapping to the engine's {@code SshSettings} can be tested alone.
 * Build with {@link #builder(String, String, String)}. Immutable.
 */
public final class SshValues {
    /** The SSH port used when none is given. */
    public static final int DEFAULT_PORT = 22;
    /** Seconds to wait for a connection when none is given. */
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;
    /** Seconds to wait for an answer when none is given. */
    public static final int DEFAULT_READ_TIMEOUT = 120;

    private final String host;
    private final int port;
    private final String credentialsId;
    private final String importDir;
    private final String hostKey;
    private final String knownHostsFile;
    private final boolean acceptAnyHostKey;
    private final String protocol;
    private final int connectTimeout;
    private final int readTimeout;

    private SshValues(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.credentialsId = b.credentialsId;
        this.importDir = b.importDir;
        this.hostKey = b.hostKey;
        this.knownHostsFile = b.knownHostsFile;
        this.acceptAnyHostKey = b.acceptAnyHostKey;
        this.protocol = b.protocol;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
    }

    /**
     * {@code SshValues.builder("www.example.org", "zope-prod-ssh", "/srv/zope/import").hostKey("SHA256:…").build()}.
     */
    public static Builder builder(String host, String credentialsId, String importDir) {
        return new Builder(host, credentialsId, importDir);
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getImportDir() {
        return importDir;
    }

    /** The pinned key or fingerprint, or {@code null}. */
    public String getHostKey() {
        return hostKey;
    }

    /** A known_hosts file on the agent, or {@code null}. */
    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    public boolean isAcceptAnyHostKey() {
        return acceptAnyHostKey;
    }

    /** {@code sftp} or {@code scp}, as typed. */
    public String getProtocol() {
        return protocol;
    }

    /** Seconds. */
    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** Seconds. */
    public int getReadTimeout() {
        return readTimeout;
    }

    @Override
    public String toString() {
        return host + ":" + port + ":" + importDir;
    }

    /** Builds {@link SshValues}; nothing is checked here (see {@link ConfigChecks}). */
    public static final class Builder {
        private final String host;
        private final String credentialsId;
        private final String importDir;
        private int port = DEFAULT_PORT;
        private String hostKey;
        private String knownHostsFile;
        private boolean acceptAnyHostKey;
        private String protocol = "sftp";
        private int connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int readTimeout = DEFAULT_READ_TIMEOUT;

        private Builder(String host, String credentialsId, String importDir) {
            this.host = host;
            this.credentialsId = credentialsId;
            this.importDir = importDir;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder hostKey(String value) {
            this.hostKey = value;
            return this;
        }

        public Builder knownHostsFile(String value) {
            this.knownHostsFile = value;
            return this;
        }

        public Builder acceptAnyHostKey(boolean value) {
            this.acceptAnyHostKey = value;
            return this;
        }

        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }

        public Builder connectTimeout(int seconds) {
            this.connectTimeout = seconds;
            return this;
        }

        public Builder readTimeout(int seconds) {
            this.readTimeout = seconds;
            return this;
        }

        public SshValues build() {
            return new SshValues(this);
        }
    }
}
