// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/FilePath.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

public final class FilePath {
    private FilePath() {
        throw new UnsupportedOperationException();
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException();
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
