// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class Step implements ExtensionPoint, Describable<Step> {
    public abstract StepExecution start(StepContext context) throws Exception;
}
