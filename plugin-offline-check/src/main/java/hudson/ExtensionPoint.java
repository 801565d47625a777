// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/ExtensionPoint.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

public interface ExtensionPoint {
}
