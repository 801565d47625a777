package io.zopesync.core.sync;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;

/** The engine's view of a {@link Sandbox}: one {@link Environment} per site. */
final class SandboxEnvironments {
    private final Sandbox sandbox;
    private final TransferProtocol protocol;

    SandboxEnvironments(Sandbox sandbox) {
        this(sandbox, true);
    }

    /** @param sftp whether files travel by SFTP ({@code false}: SCP) */
    SandboxEnvironments(Sandbox sandbox, boolean sftp) {
        this.sandbox = sandbox;
        this.protocol = sftp ? TransferProtocol.SFTP : TransferProtocol.SCP;
    }

    /** The site as an environment, with SSH through the sandbox's server and its host key pinned. */
    Environment get(String name) {
        return get(name, sandbox.getSshServer().getPort(), Sandbox.SSH_USER, sandbox.getHostKey());
    }

    /** The site as an environment whose import directory is reached through another SSH server. */
    Environment get(String name, int sshPort, String sshUser, String hostKey) {
        Sandbox.Site site = sandbox.getSite(name);
        ZopeServer zope = ZopeServer.of(name, site.getUrl(), Sandbox.ZOPE_USER, SecretValue.of(sandbox.getPassword()));
        SshSettings ssh = SshSettings.builder(name, "127.0.0.1").port(sshPort).username(sshUser)
                .key(SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(hostKey)).importDir(site.getImportDir().toString()).protocol(protocol)
                .build();
        return Environment.of(name, zope, ssh);
    }
}
