// Offline declaration (signatures only, bodies throw): jenkinsci/remoting src/main/java/hudson/remoting/Callable.java
// at 3352.v17a_fb_4b_2773f. See plugin-offline-check/README.md.
package hudson.remoting;

import java.io.Serializable;

public interface Callable<V, T extends Throwable> extends Serializable {
    V call() throws T;
}
