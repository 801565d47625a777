// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/tasks/Builder.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import hudson.model.Describable;
import java.io.IOException;
import java.util.Collection;

public abstract class Builder implements BuildStep, Describable<Builder>, ExtensionPoint {
    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }
}
