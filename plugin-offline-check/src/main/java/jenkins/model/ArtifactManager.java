// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/model/ArtifactManager.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.IOException;
import java.util.Map;
import jenkins.util.VirtualFile;

public abstract class ArtifactManager {
    public abstract void onLoad(Run<?, ?> build);

    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener,
            Map<String, String> artifacts) throws IOException, InterruptedException;

    public abstract boolean delete() throws IOException, InterruptedException;

    public abstract VirtualFile root();
}
