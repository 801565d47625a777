// Offline declaration (signatures only, bodies throw): jenkinsci/remoting src/main/java/hudson/remoting/VirtualChannel.java
// at 3352.v17a_fb_4b_2773f. See plugin-offline-check/README.md.
package hudson.remoting;

import java.io.IOException;

public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;

    <V, T extends Throwable> Future<V> callAsync(final Callable<V, T> callable) throws IOException;

    void close() throws IOException;

    void join() throws InterruptedException;

    void join(long timeout) throws InterruptedException;

    <T> T export(Class<T> type, T instance);

    void syncLocalIO() throws InterruptedException;
}
