// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    private ACL() {
        throw new UnsupportedOperationException();
    }
}
