// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException();
    }
}
