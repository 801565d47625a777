// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/export/Flavor.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler.export;

// Only named by StaplerResponse2.serveExposedBean; no constant is used.
public enum Flavor {
}
