// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/AbortException.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
