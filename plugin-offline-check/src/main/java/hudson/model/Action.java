// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/Action.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
