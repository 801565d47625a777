package io.jenkins.plugins.zopesync.model;

import java.util.Optional;

/**
 * A configured environment as typed, before any check: what {@code ZopeEnvironment} holds, without Jenkins
 * types. Immutable.
 */
public final class EnvironmentValues {
    private final String name;
    private final String url;
    private final String credentialsId;
    private final String caCertificate;
    private final SshValues ssh;

    private EnvironmentValues(String name, String url, String credentialsId, String caCertificate, SshValues ssh) {
        this.name = name;
        this.url = url;
        this.credentialsId = credentialsId;
        this.caCertificate = caCertificate;
        this.ssh = ssh;
    }

    /**
     * {@code EnvironmentValues.of("prod", "https://www.example.org", "zope-prod-admin", null, ssh)}.
     *
     * @param caCertificate an extra CA certificate (PEM), or {@code null}/blank
     * @param ssh the SSH block, or {@code null} for an environment that is only ever a source
     */
    public static EnvironmentValues of(
            String name, String url, String credentialsId, String caCertificate, SshValues ssh) {
        return new EnvironmentValues(name, url, credentialsId, caCertificate, ssh);
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The extra CA certificate, or {@code null}. */
    public String getCaCertificate() {
        return caCertificate == null || caCertificate.isBlank() ? null : caCertificate;
    }

    public Optional<SshValues> getSsh() {
        return Optional.ofNullable(ssh);
    }

    @Override
    public String toString() {
        return name + " " + url;
    }
}
