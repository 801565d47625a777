// Offline declaration (signatures only, bodies throw): jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
// at 0773c3c (HEAD of the stored mirror, 2025-11-17). See plugin-offline-check/README.md.
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
