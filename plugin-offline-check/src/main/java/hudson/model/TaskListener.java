// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
