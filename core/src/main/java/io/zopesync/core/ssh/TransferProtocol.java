package io.zopesync.core.ssh;

/** How files travel over SSH. */
public enum TransferProtocol {
    /** The SFTP subsystem: upload to a temporary name, rename, size check. The default. */
    SFTP,
    /** The classic SCP protocol over an exec channel, for servers without the SFTP subsystem. */
    SCP
}
