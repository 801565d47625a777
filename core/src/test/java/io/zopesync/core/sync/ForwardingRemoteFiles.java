package io.zopesync.core.sync;

import io.zopesync.core.ssh.RemoteFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** {@link RemoteFiles} that hand every call to others, after {@link #before(String)}; tests override that. */
public class ForwardingRemoteFiles implements RemoteFiles {
    private final RemoteFiles delegate;

    public ForwardingRemoteFiles(RemoteFiles delegate) {
        this.delegate = delegate;
    }

    /** Called before every operation but {@link #close()}, with its name. */
    protected void before(String operation) {
    }

    @Override
    public String getEndpoint() {
        return delegate.getEndpoint();
    }

    @Override
    public void checkWritableDirectory(String dir) {
        before("checkWritableDirectory");
        delegate.checkWritableDirectory(dir);
    }

    @Override
    public void upload(Path local, String dir, String name, LongConsumer progress) {
        before("upload");
        delegate.upload(local, dir, name, progress);
    }

    @Override
    public void write(String dir, String name, byte[] content) {
        before("write");
        delegate.write(dir, name, content);
    }

    @Override
    public Optional<Long> size(String dir, String name) {
        before("size");
        return delegate.size(dir, name);
    }

    @Override
    public void remove(String dir, String name) {
        before("remove");
        delegate.remove(dir, name);
    }

    @Override
    public List<String> list(String dir) {
        before("list");
        return delegate.list(dir);
    }

    @Override
    public boolean createExclusive(String dir, String name, byte[] content) {
        before("createExclusive");
        return delegate.createExclusive(dir, name, content);
    }

    @Override
    public Optional<byte[]> read(String dir, String name) {
        before("read");
        return delegate.read(dir, name);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
