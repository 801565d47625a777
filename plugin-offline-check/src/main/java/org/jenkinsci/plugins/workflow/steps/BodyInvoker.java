// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withDisplayName(String name);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
