// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/AbstractBuild.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> {
    private AbstractBuild() {
        throw new UnsupportedOperationException();
    }

    public abstract void run();
}
