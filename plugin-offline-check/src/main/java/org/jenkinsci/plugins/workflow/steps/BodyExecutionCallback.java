// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecutionCallback.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class BodyExecutionCallback implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
