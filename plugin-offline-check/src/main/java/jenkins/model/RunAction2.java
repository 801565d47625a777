// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
