// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException();
    }

    public static final class Option {
        private Option() {
            throw new UnsupportedOperationException();
        }
    }
}
