// Offline declaration (signatures only, bodies throw): jenkinsci/remoting src/main/java/hudson/remoting/Future.java
// at 3352.v17a_fb_4b_2773f. See plugin-offline-check/README.md.
package hudson.remoting;

public interface Future<V> extends java.util.concurrent.Future<V> {
}
