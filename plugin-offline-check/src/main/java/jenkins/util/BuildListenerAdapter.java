// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/util/BuildListenerAdapter.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

public final class BuildListenerAdapter implements BuildListener {
    private static final long serialVersionUID = 1L;

    private BuildListenerAdapter() {
        throw new UnsupportedOperationException();
    }

    public static BuildListener wrap(TaskListener l) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PrintStream getLogger() {
        throw new UnsupportedOperationException();
    }
}
