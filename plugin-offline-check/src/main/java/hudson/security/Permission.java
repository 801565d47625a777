// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException();
    }
}
