// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException();
    }

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException();
    }

    protected abstract T run() throws Exception;
}
