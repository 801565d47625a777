// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/AncestorInPath.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.kohsuke.stapler;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target(PARAMETER)
public @interface AncestorInPath {
}
