package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import io.zopesync.core.zope.ZopeServer;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * Turns configured environments and the logins taken from their credentials into the engine's values.
 *
 * <pre>{@code
 * Environment prod = EngineMapping.toEnvironment(values, zopeLogin, sshLogin);
 * }</pre>
 */
public final class EngineMapping {
    private EngineMapping() {}

    /**
     * @param ssh the SSH login, or {@code null} when the environment has no SSH block (a source)
     * @throws InvalidInputException naming the environment and the bad value
     */
    public static Environment toEnvironment(EnvironmentValues values, ZopeLogin zope, SshLogin ssh) {
        ZopeServer server = ZopeServer.of(
                values.getName(), values.getUrl(), zope.username(), zope.password(), values.getCaCertificate());
        SshSettings settings = values.getSsh()
                .map(block -> {
                    if (ssh == null) {
                        throw InvalidInputException.of("SSH login of environment '%s' is missing", values.getName());
                    }
                    return toSshSettings(values.getName(), block, ssh);
                })
                .orElse(null);
        return Environment.of(values.getName(), server, settings);
    }

    /**
     * The environment as a source: its Zope access only. A source is never written to, so its SSH block (if it has
     * one, being a target elsewhere) and that block's credential are not needed.
     *
     * @throws InvalidInputException naming the environment and the bad value
     */
    public static Environment toSource(EnvironmentValues values, ZopeLogin zope) {
        return toEnvironment(
                EnvironmentValues.of(
                        values.getName(), values.getUrl(), values.getCredentialsId(), values.getCaCertificate(), null),
                zope,
                null);
    }

    /** @throws InvalidInputException naming the environment and the bad value */
    public static SshSettings toSshSettings(String environment, SshValues ssh, SshLogin login) {
        return SshSettings.builder(environment, ssh.getHost())
                .port(ssh.getPort())
                .username(login.username())
                .key(login.key())
                .hostKey(toHostKeyPolicy(environment, ssh))
                .importDir(ssh.getImportDir())
                .protocol(toProtocol(environment, ssh.getProtocol()))
                .build();
    }

    /**
     * The host key verification the SSH block asks for.
     *
     * @throws InvalidInputException if none or several are chosen, or the pinned value is no key or fingerprint
     */
    public static HostKeyPolicy toHostKeyPolicy(String environment, SshValues ssh) {
        Check check = ConfigChecks.hostKey(ssh.getHostKey(), ssh.getKnownHostsFile(), ssh.isAcceptAnyHostKey());
        if (check.isError()) {
            throw InvalidInputException.of(
                    "host key verification of environment '%s': %s", environment, check.getMessage());
        }
        if (ssh.getHostKey() != null && !ssh.getHostKey().isBlank()) {
            return HostKeyPolicy.pinned(ssh.getHostKey());
        }
        if (ssh.getKnownHostsFile() != null && !ssh.getKnownHostsFile().isBlank()) {
            return HostKeyPolicy.knownHosts(ssh.getKnownHostsFile());
        }
        return HostKeyPolicy.acceptAny();
    }

    /** @throws InvalidInputException unless the value is {@code sftp} or {@code scp} (any case) */
    public static TransferProtocol toProtocol(String environment, String protocol) {
        String value = protocol == null || protocol.isBlank()
                ? "sftp"
                : protocol.strip().toUpperCase(Locale.ROOT);
        try {
            return TransferProtocol.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(
                    "SSH protocol of environment '%s' must be sftp or scp: %s", environment, protocol);
        }
    }

    /**
     * The timeouts of a run that involves these environments: the engine has one pair for the whole run, so the
     * longest configured connect and read timeouts win (a slow production server must not be cut short because
     * a fast test server is in the same run). Environments without an SSH block use the defaults.
     */
    public static Timeouts toTimeouts(Collection<EnvironmentValues> environments) {
        int connect = SshValues.DEFAULT_CONNECT_TIMEOUT;
        int read = SshValues.DEFAULT_READ_TIMEOUT;
        boolean any = false;
        for (EnvironmentValues env : environments) {
            if (env.getSsh().isPresent()) {
                SshValues ssh = env.getSsh().get();
                connect = any ? Math.max(connect, ssh.getConnectTimeout()) : ssh.getConnectTimeout();
                read = any ? Math.max(read, ssh.getReadTimeout()) : ssh.getReadTimeout();
                any = true;
            }
        }
        return Timeouts.defaults().withConnect(Duration.ofSeconds(connect)).withRead(Duration.ofSeconds(read));
    }
}
