// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }
}
