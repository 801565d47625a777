// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/FingerprintMap.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import java.io.IOException;

public final class FingerprintMap {
    private FingerprintMap() {
        throw new UnsupportedOperationException();
    }

    public Fingerprint getOrCreate(Run build, String fileName, String md5sum) throws IOException {
        throw new UnsupportedOperationException();
    }
}
