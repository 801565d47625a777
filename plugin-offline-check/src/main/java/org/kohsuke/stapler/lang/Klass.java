// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/lang/Klass.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler.lang;

// Only named by StaplerRequest2.getView(Klass, String); no member is used.
public final class Klass<C> {
    private Klass() {
        throw new UnsupportedOperationException();
    }
}
