package io.zopesync.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

/**
 * A listening socket on 127.0.0.1 that never answers, to prove that a command contacted nothing: point every
 * URL and SSH port of a task file at it, run the command, and ask {@link #connections()}. The kernel completes
 * a client's handshake in the listen backlog, so an attempt is counted even though nothing reads.
 */
final class ConnectionTrap implements AutoCloseable {
    private final ServerSocket socket;
    private int accepted;

    ConnectionTrap() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    int getPort() {
        return socket.getLocalPort();
    }

    /** How many connections were attempted so far (up to 100); waits at most 50 ms for the next one. */
    int connections() throws IOException {
        socket.setSoTimeout(50);
        for (int i = 0; i < 100; i++) {
            try {
                socket.accept().close();
                accepted++;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return accepted;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
