// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {
        throw new UnsupportedOperationException();
    }

    public String getPlainText() {
        throw new UnsupportedOperationException();
    }
}
