// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

public abstract class Actionable {
    public void addAction(Action a) {
        throw new UnsupportedOperationException();
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
