// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }
}
