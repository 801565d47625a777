// Offline declaration (signatures only, bodies throw): jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java
// at symbol-annotation-1.25. See plugin-offline-check/README.md.
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target(TYPE)
public @interface Symbol {
    String[] value();
}
