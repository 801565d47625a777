// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/Run.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import java.io.IOException;
import jenkins.model.ArtifactManager;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private Run() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    public final ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException();
    }

    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException();
    }
}
