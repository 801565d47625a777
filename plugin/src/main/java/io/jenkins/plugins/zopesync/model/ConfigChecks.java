package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every check of the plugin's configuration values, as plain functions: the descriptors' {@code doCheck*}
 * methods only check permissions and call these, and saving the global configuration runs
 * {@link #environments(List, Predicate, Predicate)}. Where the engine has a rule (names, URLs, import directories,
 * host keys, object paths) it is the engine's rule, so the form and a run never disagree.
 *
 * <p>{@code ConfigChecks.url("prod", "ftp://x")} is an error naming the URL; {@code ConfigChecks.url("prod",
 * "https://www.example.org")} is {@link Check#ok()}.
 */
public final class ConfigChecks {
    /** The longest timeout that may be configured, in seconds: an hour. */
    public static final int MAX_TIMEOUT_SECONDS = 3600;
    /** The name used in messages when an environment's own name is not known (a value checked in the form). */
    private static final String UNNAMED = "(this environment)";

    private ConfigChecks() {}

    /** An environment's name: 1 to 64 of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
    public static Check name(String name) {
        return engineRule(() -> Environment.checkName(name));
    }

    /** The names of all environments: none may appear twice. */
    public static Check uniqueNames(Collection<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name != null && !seen.add(name)) {
                return Check.error(Texts.get("Check.DuplicateName", name));
            }
        }
        return Check.ok();
    }

    /** A Zope URL: http or https, a host, no user-info, query or fragment. */
    public static Check url(String environment, String url) {
        return engineRule(() -> ZopeServer.parseUrl(orUnnamed(environment), url));
    }

    /**
     * A credentials id: given, and known to Jenkins.
     *
     * @param exists whether a credential of the right type with this id can be seen
     */
    public static Check credentialsId(String id, Predicate<String> exists) {
        if (id == null || id.isBlank()) {
            return Check.error(Texts.get("Check.CredentialsRequired"));
        }
        if (!exists.test(id)) {
            return Check.error(Texts.get("Check.UnknownCredentials", id));
        }
        return Check.ok();
    }

    /** An optional extra CA certificate: empty, or a PEM certificate that parses. */
    public static Check caCertificate(String pem) {
        if (pem == null || pem.isBlank()) {
            return Check.ok();
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return Check.error(Texts.get("Check.NotPemCertificate"));
        }
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            return Check.ok();
        } catch (CertificateException e) {
            return Check.error(Texts.get("Check.BadCertificate", e.getMessage()));
        }
    }

    /** An SSH host name or address: not empty, no whitespace, no {@code @}, not starting with {@code -}. */
    public static Check host(String host) {
        if (host == null || host.isBlank()) {
            return Check.error(Texts.get("Check.HostRequired"));
        }
        if (host.startsWith("-")
                || host.contains("@")
                || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Check.error(Texts.get("Check.BadHost", host));
        }
        return Check.ok();
    }

    public static Check port(int port) {
        return port >= 1 && port <= 65535 ? Check.ok() : Check.error(Texts.get("Check.BadPort", port));
    }

    /** An import directory: absolute, without {@code .} or {@code ..} segments. */
    public static Check importDir(String environment, String dir) {
        return engineRule(() -> SshSettings.checkImportDir(orUnnamed(environment), dir));
    }

    /**
     * The host key verification: exactly one of a pinned key or fingerprint, a known_hosts file, or accepting any
     * key (a warning).
     */
    public static Check hostKey(String hostKey, String knownHostsFile, boolean acceptAnyHostKey) {
        boolean pinned = hostKey != null && !hostKey.isBlank();
        boolean file = knownHostsFile != null && !knownHostsFile.isBlank();
        int chosen = (pinned ? 1 : 0) + (file ? 1 : 0) + (acceptAnyHostKey ? 1 : 0);
        if (chosen == 0) {
            return Check.error(Texts.get("Check.HostKeyRequired"));
        }
        if (chosen > 1) {
            return Check.error(Texts.get("Check.HostKeyAmbiguous"));
        }
        if (pinned) {
            return engineRule(() -> HostKeyPolicy.pinned(hostKey));
        }
        if (acceptAnyHostKey) {
            return Check.warning(Texts.get("Check.AcceptAnyHostKey"));
        }
        return Check.ok();
    }

    /** {@code sftp} or {@code scp}. */
    public static Check protocol(String protocol) {
        String value = protocol == null ? "" : protocol.strip().toLowerCase(Locale.ROOT);
        return value.equals("sftp") || value.equals("scp")
                ? Check.ok()
                : Check.error(Texts.get("Check.BadProtocol", protocol));
    }

    /** A timeout in seconds: 1 to {@value #MAX_TIMEOUT_SECONDS}. */
    public static Check timeout(int seconds) {
        return seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS
                ? Check.ok()
                : Check.error(Texts.get("Check.BadTimeout", seconds, MAX_TIMEOUT_SECONDS));
    }

    /** An object's path on the source. */
    public static Check objectPath(String path) {
        return engineRule(() -> ObjectSpec.of(path));
    }

    /** An optional target folder. */
    public static Check targetFolder(String folder) {
        if (folder == null || folder.isBlank()) {
            return Check.ok();
        }
        return engineRule(() -> ObjectPath.parse("target folder", folder));
    }

    /** A bundle to promote: a relative path in the build's artifacts or the workspace. */
    public static Check bundle(String bundle) {
        if (bundle == null || bundle.isBlank()) {
            return Check.ok();
        }
        return engineRule(() -> SyncStepRequest.checkBundle(bundle.strip()));
    }

    /** How many targets are worked on at once. */
    public static Check parallel(int parallel) {
        return parallel >= 1 && parallel <= SyncOptions.MAX_PARALLELISM
                ? Check.ok()
                : Check.error(Texts.get("Check.BadParallel", SyncOptions.MAX_PARALLELISM, parallel));
    }

    /** {@code replace}, {@code skip} or {@code fail}. */
    public static Check onExisting(String value) {
        return engineRule(() -> OnExisting.parse(value));
    }

    /**
     * Environment names typed in a job (the source, or targets separated by commas or spaces): each must be
     * configured. Blank is fine here; whether the field is required is the request's rule.
     */
    public static Check configuredNames(String names, Collection<String> configured) {
        for (String name : SyncStepRequest.splitNames(names)) {
            if (!configured.contains(name)) {
                return Check.error(Texts.get("Check.UnknownEnvironment", name));
            }
        }
        return Check.ok();
    }

    /**
     * Why a list of environments cannot be saved, as one message that names every bad value and duplicate name;
     * empty if it can. The Save button and Configuration as Code both save through this. Credential ids are not
     * checked: Configuration as Code may define them later in the same file (the form shows a missing id, and a
     * build names it).
     *
     * <p>{@code ConfigChecks.saving(List.of())} is empty: removing every environment is allowed.
     */
    public static Optional<String> saving(List<EnvironmentValues> environments) {
        return saving(environments, expression -> Check.ok());
    }

    /**
     * As {@link #saving(List)}, with the environments' node label expressions checked by Jenkins' parser.
     *
     * @param nodeLabel the check of a label expression
     */
    public static Optional<String> saving(List<EnvironmentValues> environments, Function<String, Check> nodeLabel) {
        List<String> problems = new ArrayList<>(environments(environments, id -> true, id -> true));
        for (EnvironmentValues env : environments) {
            String label = env.getName() == null || env.getName().isBlank() ? UNNAMED : env.getName();
            env.getAllowedNodes()
                    .ifPresent(expression -> collect(problems, label, "allowedNodes", nodeLabel.apply(expression)));
        }
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(Texts.get("Configuration.Invalid", String.join("; ", problems)));
    }

    /**
     * Checks every environment for the global configuration's Save button; the problems name the environment
     * and the field.
     *
     * @param zopeCredentials whether a username/password credential with an id exists
     * @param sshCredentials whether an SSH private key credential with an id exists
     * @return the errors, empty if all is well (warnings are not listed)
     */
    public static List<String> environments(
            List<EnvironmentValues> environments, Predicate<String> zopeCredentials, Predicate<String> sshCredentials) {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (EnvironmentValues env : environments) {
            names.add(env.getName());
            String label = env.getName() == null || env.getName().isBlank() ? UNNAMED : env.getName();
            collect(problems, label, "name", name(env.getName()));
            collect(problems, label, "url", url(label, env.getUrl()));
            collect(problems, label, "credentialsId", credentialsId(env.getCredentialsId(), zopeCredentials));
            collect(problems, label, "caCertificate", caCertificate(env.getCaCertificate()));
            collect(problems, label, "allowedJobs", AllowedJobs.check(env.getAllowedJobs()));
            env.getSsh().ifPresent(ssh -> {
                collect(problems, label, "ssh.host", host(ssh.getHost()));
                collect(problems, label, "ssh.port", port(ssh.getPort()));
                collect(problems, label, "ssh.credentialsId", credentialsId(ssh.getCredentialsId(), sshCredentials));
                collect(problems, label, "ssh.importDir", importDir(label, ssh.getImportDir()));
                collect(
                        problems,
                        label,
                        "ssh.hostKey",
                        hostKey(ssh.getHostKey(), ssh.getKnownHostsFile(), ssh.isAcceptAnyHostKey()));
                collect(problems, label, "ssh.protocol", protocol(ssh.getProtocol()));
                collect(problems, label, "ssh.connectTimeout", timeout(ssh.getConnectTimeout()));
                collect(problems, label, "ssh.readTimeout", timeout(ssh.getReadTimeout()));
            });
        }
        Check unique = uniqueNames(names);
        if (unique.isError()) {
            problems.add(unique.getMessage());
        }
        return List.copyOf(problems);
    }

    private static void collect(List<String> problems, String environment, String field, Check check) {
        if (check.isError()) {
            problems.add(Texts.get("Check.Problem", environment, field, check.getMessage()));
        }
    }

    private static String orUnnamed(String environment) {
        return environment == null || environment.isBlank() ? UNNAMED : environment;
    }

    private static Check engineRule(Runnable rule) {
        try {
            rule.run();
            return Check.ok();
        } catch (InvalidInputException e) {
            return Check.error(e.getMessage());
        }
    }
}
