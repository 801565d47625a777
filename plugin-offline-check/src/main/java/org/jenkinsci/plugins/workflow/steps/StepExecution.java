// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException();
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean start() throws Exception;
}
