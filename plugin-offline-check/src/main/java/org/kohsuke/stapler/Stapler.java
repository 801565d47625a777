// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/Stapler.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler;

// Only named by StaplerRequest2.getStapler(); no member is used.
public class Stapler {
    private Stapler() {
        throw new UnsupportedOperationException();
    }
}
