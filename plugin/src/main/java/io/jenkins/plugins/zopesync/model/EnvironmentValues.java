package io.jenkins.plugins.zopesync.model;

import java.util.List;
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
    private final List<String> allowedJobs;
    private final String allowedNodes;

    private EnvironmentValues(
            String name,
            String url,
            String credentialsId,
            String caCertificate,
            SshValues ssh,
            List<String> allowedJobs,
            String allowedNodes) {
        this.name = name;
        this.url = url;
        this.credentialsId = credentialsId;
        this.caCertificate = caCertificate;
        this.ssh = ssh;
        this.allowedJobs = allowedJobs;
        this.allowedNodes = allowedNodes;
    }

    /**
     * {@code EnvironmentValues.of("prod", "https://www.example.org", "zope-prod-admin", null, ssh)}.
     *
     * @param caCertificate an extra CA certificate (PEM), or {@code null}/blank
     * @param ssh the SSH block, or {@code null} for an environment that is only ever a source
     */
    public static EnvironmentValues of(
            String name, String url, String credentialsId, String caCertificate, SshValues ssh) {
        return new EnvironmentValues(name, url, credentialsId, caCertificate, ssh, List.of(), null);
    }

    /**
     * These values with who may use the environment.
     *
     * @param allowedJobs the entries of {@link AllowedJobs}, as typed; empty for every job
     * @param allowedNodes a Jenkins label expression the node running the step must match, or {@code null}/blank
     *     for any node
     */
    public EnvironmentValues withAccess(List<String> allowedJobs, String allowedNodes) {
        return new EnvironmentValues(
                name,
                url,
                credentialsId,
                caCertificate,
                ssh,
                allowedJobs == null ? List.of() : List.copyOf(allowedJobs),
                allowedNodes == null || allowedNodes.isBlank() ? null : allowedNodes.strip());
    }

    /** The entries of the jobs allowed to use the environment, as typed; empty for every job. */
    public List<String> getAllowedJobs() {
        return allowedJobs;
    }

    /** The label expression of the nodes allowed to run a step with this environment, if any. */
    public Optional<String> getAllowedNodes() {
        return Optional.ofNullable(allowedNodes);
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
