// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/AbstractProject.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import hudson.tasks.Publisher;
import hudson.util.DescribableList;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> {
    private AbstractProject() {
        throw new UnsupportedOperationException();
    }

    public abstract DescribableList<Publisher, Descriptor<Publisher>> getPublishersList();

    protected abstract Class<R> getBuildClass();

    public abstract boolean isFingerprintConfigured();
}
