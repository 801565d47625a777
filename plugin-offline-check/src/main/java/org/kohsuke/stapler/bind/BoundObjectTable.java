// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/bind/BoundObjectTable.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler.bind;

// Only named by StaplerRequest2.getBoundObjectTable(); no member is used.
public class BoundObjectTable {
    private BoundObjectTable() {
        throw new UnsupportedOperationException();
    }
}
