package io.jenkins.plugins.zopesync;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
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
        ZopeLogin zope = zopeLogin(values.getName(), values.getCredentialsId());
        SshLogin ssh = values.getSsh().isPresent()
                ? sshLogin(values.getName(), values.getSsh().get().getCredentialsId())
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
        ZopeLogin zope = zopeLogin(values.getName(), values.getCredentialsId());
        try {
            return EngineMapping.toSource(values, zope);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** @throws AbortException naming the environment and the id if no username/password credential has it */
    ZopeLogin zopeLogin(String environment, String id) throws AbortException {
        StandardUsernamePasswordCredentials credential = find(id, StandardUsernamePasswordCredentials.class)
                .orElseThrow(() -> new AbortException(Texts.get(
                        "Run.MissingCredentials", id, environment, Texts.get("Credentials.UsernamePassword"))));
        return new ZopeLogin(
                credential.getUsername(),
                SecretValue.of(credential.getPassword().getPlainText()));
    }

    /** @throws AbortException naming the environment and the id if no SSH key credential has it */
    SshLogin sshLogin(String environment, String id) throws AbortException {
        SSHUserPrivateKey credential = find(id, SSHUserPrivateKey.class)
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
        return id != null && !id.isBlank() && find(id, type).isPresent();
    }

    private <C extends IdCredentials> Optional<C> find(String id, Class<C> type) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (run == null) {
            return Optional.ofNullable(
                    CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, List.of()));
        }
        C credential = CredentialsProvider.findCredentialById(id, type, run, List.of());
        if (credential != null) {
            CredentialsProvider.track(run, credential);
        }
        return Optional.ofNullable(credential);
    }
}
