// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/util/DescribableList.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> {
    private DescribableList() {
        throw new UnsupportedOperationException();
    }
}
