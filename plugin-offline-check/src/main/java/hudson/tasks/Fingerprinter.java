// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/tasks/Fingerprinter.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.tasks;

import hudson.model.Run;
import java.util.Map;
import jenkins.model.RunAction2;

public class Fingerprinter {
    private Fingerprinter() {
        throw new UnsupportedOperationException();
    }

    public static final class FingerprintAction implements RunAction2 {
        public FingerprintAction(Run build, Map<String, String> record) {
            throw new UnsupportedOperationException();
        }

        public void add(Map<String, String> moreRecords) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getIconFileName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getUrlName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onAttached(Run<?, ?> r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onLoad(Run<?, ?> r) {
            throw new UnsupportedOperationException();
        }
    }
}
