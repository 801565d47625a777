// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/Extension.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target(TYPE)
public @interface Extension {
}
