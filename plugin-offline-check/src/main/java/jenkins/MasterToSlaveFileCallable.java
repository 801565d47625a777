// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/MasterToSlaveFileCallable.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins;

import hudson.FilePath.FileCallable;

public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    private static final long serialVersionUID = 1L;
}
