// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private FormValidation() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    public abstract String renderHtml();
}
