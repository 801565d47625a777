// Offline declaration (signatures only, bodies throw): jenkinsci/remoting src/main/java/hudson/remoting/Channel.java
// at 3352.v17a_fb_4b_2773f. See plugin-offline-check/README.md.
package hudson.remoting;

public class Channel {
    private Channel() {
        throw new UnsupportedOperationException();
    }
}
