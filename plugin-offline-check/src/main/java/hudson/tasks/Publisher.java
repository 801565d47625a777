// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/tasks/Publisher.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.tasks;

import hudson.model.Describable;

public abstract class Publisher implements Describable<Publisher> {
    private Publisher() {
        throw new UnsupportedOperationException();
    }
}
