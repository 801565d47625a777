package io.zopesync.core.ssh;

/** SCP mode against a server without the SFTP subsystem. */
class ScpRemoteFilesTest extends RemoteFilesContractTest {

    @Override
    TransferProtocol protocol() {
        return TransferProtocol.SCP;
    }

    @Override
    boolean serverHasSftp() {
        return false;
    }
}
