// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.util;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;

public abstract class VirtualFile {
    public abstract String getName();

    public abstract URI toURI();

    public abstract VirtualFile getParent();

    public abstract boolean isDirectory() throws IOException;

    public abstract boolean isFile() throws IOException;

    public abstract boolean exists() throws IOException;

    public abstract VirtualFile[] list() throws IOException;

    public Collection<String> list(String includes, String excludes, boolean useDefaultExcludes)
            throws IOException {
        throw new UnsupportedOperationException();
    }

    public abstract VirtualFile child(String name);

    public abstract long length() throws IOException;

    public abstract long lastModified() throws IOException;

    public abstract boolean canRead() throws IOException;

    public abstract InputStream open() throws IOException;
}
