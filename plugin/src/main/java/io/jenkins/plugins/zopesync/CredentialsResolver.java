package io.jenkins.plugins.zopesync;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.zopesync.model.EngineMapping;
import io.jenkins.plugins.zopesync.model.EnvironmentValues;
import io.jenkins.plugins.zopesync.model.SshLogin;
import io.jenkins.plugins.zopesync.model.Texts;
import io.jenkins.plugins.zopesync.model.ZopeLogin;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.SshKey;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The only place where Jenkins credentials become secret material: a Zope login ({@link ZopeLogin}, the password
 * as a {@link SecretValue}) and an SSH login ({@link SshLogin}, the key as an {@link SshKey}). Everything after
 * this point sees only those masked values.
 *
 * <p>For a build, credentials are looked up by id as the build's authentication allows, when the step runs, and
 * tracked with the build ({@link #forRun(Run)}). For the configuration page's buttons and its Save check, they are
 * looked up in Jenkins' global scope ({@link #global()}), which only administrators reach.
 *
 * <p>Every lookup passes the domain requirements of what the credential is for (the Zope URL; {@code ssh://} with
 * the SSH host and port), so that a credential restricted to one host's domain is not used for another. A build's
 * parameters never choose a credential: the credentials plugin lets a credentials parameter named as the configured
 * id (or {@code ${NAME}}) stand in for it, which would let whoever starts the build substitute a production login,
 * so such an id is refused.
 */
final class CredentialsResolver {
    private final Run<?, ?> run;

    private CredentialsResolver(Run<?, ?> run) {
        this.run = run;
    }

    /** Resolves credentials for a build, and tracks their use. */
    static CredentialsResolver forRun(Run<?, ?> run) {
        return new CredentialsResolver(run);
    }

    /** Resolves credentials in Jenkins' global scope, as the system (callers check {@code ADMINISTER}). */
    static CredentialsResolver global() {
        return new CredentialsResolver(null);
    }

    /**
     * The engine's environment with the logins of its credentials.
     *
     * @throws AbortException naming the environment and the missing credentials id, or the bad value
     */
    Environment environment(EnvironmentValues values) throws AbortException {
        ZopeLogin zope = zopeLogin(values.getName(), values.getCredentialsId(), values.getUrl());
        SshLogin ssh = values.getSsh().isPresent()
                ? sshLogin(
                        values.getName(),
                        values.getSsh().get().getCredentialsId(),
                        values.getSsh().get().getHost(),
                        values.getSsh().get().getPort())
                : null;
        try {
            return EngineMapping.toEnvironment(values, zope, ssh);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * The engine's environment as a source: with its Zope login only (a source needs no SSH).
     *
     * @throws AbortException naming the environment and the missing credentials id, or the bad value
     */
    Environment source(EnvironmentValues values) throws AbortException {
        ZopeLogin zope = zopeLogin(values.getName(), values.getCredentialsId(), values.getUrl());
        try {
            return EngineMapping.toSource(values, zope);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * @param url the Zope server's URL, for the credential's domain
     * @throws AbortException naming the environment and the id if no username/password credential has it
     */
    ZopeLogin zopeLogin(String environment, String id, String url) throws AbortException {
        refuseParameter(environment, id);
        StandardUsernamePasswordCredentials credential = find(
                        id,
                        StandardUsernamePasswordCredentials.class,
                        URIRequirementBuilder.fromUri(url).build())
                .orElseThrow(() -> new AbortException(Texts.get(
                        "Run.MissingCredentials", id, environment, Texts.get("Credentials.UsernamePassword"))));
        return new ZopeLogin(
                credential.getUsername(),
                SecretValue.of(credential.getPassword().getPlainText()));
    }

    /**
     * @param host the SSH server's host, for the credential's domain
     * @param port the SSH server's port
     * @throws AbortException naming the environment and the id if no SSH key credential has it
     */
    SshLogin sshLogin(String environment, String id, String host, int port) throws AbortException {
        refuseParameter(environment, id);
        SSHUserPrivateKey credential = find(id, SSHUserPrivateKey.class, sshRequirements(host, port))
                .orElseThrow(() -> new AbortException(
                        Texts.get("Run.MissingCredentials", id, environment, Texts.get("Credentials.SshKey"))));
        List<String> keys = credential.getPrivateKeys();
        if (keys.isEmpty()) {
            throw new AbortException(Texts.get("Run.EmptyKey", id, environment));
        }
        Secret passphrase = credential.getPassphrase();
        try {
            SshKey key = SshKey.of(
                    SecretValue.of(keys.get(0)), passphrase == null ? null : SecretValue.of(passphrase.getPlainText()));
            return new SshLogin(credential.getUsername(), key);
        } catch (InvalidInputException e) {
            throw new AbortException(Texts.get("Run.BadKey", id, environment, e.getMessage()));
        }
    }

    /** Whether a credential of the type with this id exists in the scope. */
    <C extends IdCredentials> boolean exists(String id, Class<C> type) {
        return id != null && !id.isBlank() && find(id, type, List.of()).isPresent();
    }

    static List<DomainRequirement> sshRequirements(String host, int port) {
        return URIRequirementBuilder.create()
                .withScheme("ssh")
                .withHostnamePort(host, port)
                .build();
    }

    /** @throws AbortException if the id would let one of the build's parameters choose the credential */
    private void refuseParameter(String environment, String id) throws AbortException {
        if (id == null) {
            return;
        }
        String name = id.trim();
        boolean expression = name.startsWith("${") && name.endsWith("}");
        if (expression) {
            name = name.substring(2, name.length() - 1);
        }
        ParametersAction parameters = run == null ? null : run.getAction(ParametersAction.class);
        if (expression || (parameters != null && parameters.getParameter(name) != null)) {
            throw new AbortException(Texts.get("Run.ParameterCredentials", id, environment, name));
        }
    }

    private <C extends IdCredentials> Optional<C> find(String id, Class<C> type, List<DomainRequirement> domain) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (run == null) {
            return Optional.ofNullable(
                    CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, domain));
        }
        C credential = CredentialsProvider.findCredentialById(id, type, run, domain);
        if (credential != null) {
            CredentialsProvider.track(run, credential);
        }
        return Optional.ofNullable(credential);
    }
}
