// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/BindInterceptor.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler;

// Only named by StaplerRequest2's bind interceptor methods; no member is used.
public class BindInterceptor {
    private BindInterceptor() {
        throw new UnsupportedOperationException();
    }
}
