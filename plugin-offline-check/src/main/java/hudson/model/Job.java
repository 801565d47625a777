// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/Job.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import java.util.SortedMap;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    private Job() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isBuildable();

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);
}
