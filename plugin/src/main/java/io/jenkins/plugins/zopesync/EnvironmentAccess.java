package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Run;
import io.jenkins.plugins.zopesync.model.Check;
import io.jenkins.plugins.zopesync.model.Texts;

/**
 * Who may use an environment: the job (its {@link ZopeEnvironment#getAllowedJobs() allowed jobs}) and the node that
 * would receive its secrets (its {@link ZopeEnvironment#getAllowedNodes() allowed nodes}). Checked on the controller
 * for every environment a step names, before any credential is looked up, so that a job that may not use an
 * environment never gets its password or key sent to an agent, and nothing is contacted.
 */
final class EnvironmentAccess {
    private EnvironmentAccess() {}

    /**
     * @param workspace the workspace the step runs in: its node is where the secrets would go
     * @throws AbortException naming the environment and the job (and the node and the allowed label expression)
     */
    static void check(Run<?, ?> run, FilePath workspace, ZopeEnvironment environment) throws AbortException {
        String job = run.getParent().getFullName();
        if (!environment.allowedJobs().allows(job)) {
            throw new AbortException(Texts.get("Run.JobNotAllowed", environment.getName(), job));
        }
        String expression = environment.getAllowedNodes();
        if (expression == null) {
            return;
        }
        Label label;
        try {
            label = Label.parseExpression(expression);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Texts.get("Run.BadAllowedNodes", environment.getName(), expression));
        }
        Computer computer = workspace.toComputer();
        Node node = computer == null ? null : computer.getNode();
        if (node == null || !label.matches(node)) {
            String name = computer == null ? "?" : computer.getDisplayName();
            throw new AbortException(Texts.get("Run.NodeNotAllowed", environment.getName(), name, job, expression));
        }
    }

    /** A label expression for saving: one that Jenkins can parse. */
    static Check nodes(String expression) {
        try {
            Label.parseExpression(expression);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(Texts.get("Check.BadAllowedNodes", expression, e.getMessage()));
        }
    }
}
