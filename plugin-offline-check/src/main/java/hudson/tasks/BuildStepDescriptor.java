// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepDescriptor.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
