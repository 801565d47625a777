// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecution.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Collection;
import java.util.concurrent.Future;

public abstract class BodyExecution implements Future<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract Collection<StepExecution> getCurrentExecutions();
}
