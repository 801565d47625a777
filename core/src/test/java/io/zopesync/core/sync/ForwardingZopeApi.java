package io.zopesync.core.sync;

import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ObjectTree;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** A {@link ZopeApi} that hands every call to another one; tests override a call to inject a fault. */
public class ForwardingZopeApi implements ZopeApi {
    private final ZopeApi delegate;

    public ForwardingZopeApi(ZopeApi delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public void checkLogin() {
        delegate.checkLogin();
    }

    @Override
    public boolean exists(ObjectPath path) {
        return delegate.exists(path);
    }

    @Override
    public ZopeResource describe(ObjectPath path) {
        return delegate.describe(path);
    }

    @Override
    public boolean isOrdered(ObjectPath folder) {
        return delegate.isOrdered(folder);
    }

    @Override
    public void moveBefore(ObjectPath folder, String id, String beforeId) {
        delegate.moveBefore(folder, id, beforeId);
    }

    @Override
    public List<String> listIds(ObjectPath folder) {
        return delegate.listIds(folder);
    }

    @Override
    public Optional<ObjectTree> tree(ObjectPath path) {
        return delegate.tree(path);
    }

    @Override
    public ExportedFile export(ObjectPath path, Path file, LongConsumer progress) {
        return delegate.export(path, file, progress);
    }

    @Override
    public void importObject(ObjectPath folder, String fileName, boolean takeOwnership, boolean suppressEvents) {
        delegate.importObject(folder, fileName, takeOwnership, suppressEvents);
    }

    @Override
    public void delete(ObjectPath folder, String id) {
        delegate.delete(folder, id);
    }

    @Override
    public void rename(ObjectPath folder, String oldId, String newId) {
        delegate.rename(folder, oldId, newId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
