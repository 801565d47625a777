package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnDrift;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import io.zopesync.core.zope.ZopeServer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A task file (YAML), read and checked: environments, source, targets, objects and options.
 *
 * <pre>{@code
 * TaskFile task = TaskFile.read(Path.of("task.yaml"));
 * SyncRequest request = task.syncRequest(List.of(), bundleDir, false, System::getenv);
 * }</pre>
 *
 * {@link #read(Path)} checks everything that needs no secret: every key is known, every value has the right
 * type and passes the engine's rules, the source and targets name environments. Secrets (passwords, keys,
 * passphrases) are read only for the environments a command uses, when it builds its request. Every error is a
 * {@link TaskFileException} naming the file, the line and the key; nothing is contacted before the request is
 * complete.
 */
final class TaskFile {
    /** Where bundles go by default, relative to the task file's directory. */
    static final String DEFAULT_BUNDLE_DIR = "bundles";

    private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> TOP_KEYS = List.of("environments", "source", "targets", "objects", "options");
    private static final List<String> ENVIRONMENT_KEYS = List.of("url", "username", "passwordEnv", "passwordFile",
            "caCertFile", "ssh");
    private static final List<String> SSH_KEYS = List.of("host", "port", "user", "keyFile", "passphraseEnv",
            "importDir", "knownHosts", "hostKey", "protocol", "ciphers");
    private static final List<String> OPTION_KEYS = List.of("onExisting", "keepBackups", "saveReplaced", "parallel",
            "timeout", "connectTimeout", "lockWait", "retries", "takeOwnership", "suppressEvents", "bundleDir",
            "changedOnly", "onDrift");
    private static final List<String> OBJECT_KEYS = List.of("path", "target");
    /**
     * Stands in for the real key while the SSH values are checked one by one at read time, so that a bad host,
     * port or user is reported at its own line before any secret is read. It is never used to connect.
     */
    private static final SshKey PLACEHOLDER_KEY = SshKey.of(
            SecretValue.of("-----BEGIN OPENSSH PRIVATE KEY-----\n-----END OPENSSH PRIVATE KEY-----"), null);

    private final Path file;
    private final YamlNode root;
    private final Map<String, EnvironmentEntry> environments;
    private final YamlNode source;
    private final List<YamlNode> targets;
    private final YamlNode objectsNode;
    private final List<ObjectSpec> objects;
    private final SyncOptions options;
    private final Path bundleDir;

    private TaskFile(Path file, YamlNode root) {
        this.file = file;
        this.root = root.asMap();
        if (root.getEntries().keySet().stream().noneMatch(TOP_KEYS::contains)) {
            // Not a task file at all (a password or key file given by mistake?): its keys are not echoed.
            throw root.error("not a task file: it has none of the keys %s", String.join(", ", TOP_KEYS));
        }
        checkKeys(root, TOP_KEYS);
        this.environments = readEnvironments(required(root, "environments"));
        this.source = root.get("source");
        if (source != null) {
            environment(source);
        }
        this.targets = readTargets(root.get("targets"));
        this.objectsNode = root.get("objects");
        this.objects = objectsNode == null ? List.of() : readObjects(objectsNode);
        YamlNode optionsNode = root.get("options");
        this.options = optionsNode == null ? SyncOptions.defaults() : readOptions(optionsNode);
        YamlNode bundleNode = optionsNode == null ? null : optionsNode.get("bundleDir");
        this.bundleDir = bundleNode == null ? resolvePath(DEFAULT_BUNDLE_DIR) : resolvePath(bundleNode.asString());
    }

    /**
     * Reads and checks a task file.
     *
     * @throws TaskFileException for an unreadable file or any bad key or value, naming the file, line and key
     */
    static TaskFile read(Path file) {
        String text;
        try {
            text = LimitedFiles.readText(file, LimitedFiles.TEXT_LIMIT, "the task file");
        } catch (NoSuchFileException e) {
            throw new TaskFileException(file, 0, "", "no such task file");
        } catch (IOException e) {
            throw new TaskFileException(file, 0, "", e.getMessage());
        }
        return parse(new StringReader(text), file);
    }

    /**
     * Reads and checks a task file's text.
     *
     * @param file the file's name, for messages and as the base of relative paths
     * @throws TaskFileException for any bad key or value, naming the file, line and key
     */
    static TaskFile parse(Reader reader, Path file) {
        return new TaskFile(file, YamlNode.read(reader, file));
    }

    /** The environments' names, in file order. */
    List<String> getEnvironmentNames() {
        return List.copyOf(environments.keySet());
    }

    /** The target names given in the file, in order; empty if the file gives none. */
    List<String> getTargets() {
        return targets.stream().map(YamlNode::asString).toList();
    }

    List<ObjectSpec> getObjects() {
        return objects;
    }

    /** The directory under which each run writes its bundle ({@code options.bundleDir}, default {@code bundles}). */
    Path getBundleDir() {
        return bundleDir;
    }

    /**
     * The request for {@code sync}: the file's source, objects and targets (or only those in {@code only}),
     * with every secret read.
     *
     * @param only target names to keep, or empty for all of the file's targets
     * @param env looks up environment variables ({@code System::getenv})
     * @throws InvalidInputException naming the file, line and key, or the unknown target in {@code only}
     */
    SyncRequest syncRequest(List<String> only, Path bundle, boolean dryRun, Function<String, String> env) {
        return syncRequest(only, bundle, options -> options.dryRun(dryRun), env);
    }

    /**
     * The request for {@code sync}, with the file's options changed by {@code adjust} (the command line's
     * options).
     *
     * @throws InvalidInputException as {@link #syncRequest(List, Path, boolean, Function)}, or naming an option
     *         that does not go with the file's options
     */
    SyncRequest syncRequest(List<String> only, Path bundle, UnaryOperator<SyncOptions.Builder> adjust,
            Function<String, String> env) {
        YamlNode sourceNode = requireSource();
        if (targets.isEmpty()) {
            throw root.error("'targets' is missing: the environments to sync to");
        }
        if (objects.isEmpty()) {
            throw root.error("'objects' is missing: the objects to sync");
        }
        List<String> chosen = getTargets();
        for (String name : only) {
            if (!chosen.contains(name)) {
                throw InvalidInputException.of("--only %s: not a target of %s (its targets: %s)", name, file,
                        String.join(", ", chosen));
            }
        }
        if (!only.isEmpty()) {
            chosen = chosen.stream().filter(only::contains).toList();
        }
        Environment sourceEnvironment = environment(sourceNode).resolve(env);
        List<Environment> targetEnvironments = new ArrayList<>();
        for (String name : chosen) {
            targetEnvironments.add(environments.get(name).resolve(env));
        }
        SyncRequest.Builder builder = SyncRequest.builder(sourceEnvironment, bundle).targets(targetEnvironments)
                .objects(objects).options(adjust.apply(options.toBuilder()).build());
        return at(objectsNode, builder::build);
    }

    /**
     * The request for {@code push} or {@code restore}: the bundle to the named environments, with the file's
     * options.
     *
     * @param names the target environments, as given with {@code --target}
     * @throws InvalidInputException naming an unknown environment or a bad secret
     */
    PushRequest pushRequest(PushRequest.Mode mode, Path bundle, List<String> names, Function<String, String> env) {
        List<Environment> resolved = new ArrayList<>();
        for (String name : names) {
            resolved.add(namedBy("--target", name).resolve(env));
        }
        return PushRequest.of(mode, bundle, resolved, options, null);
    }

    /**
     * The request for {@code export}, for {@code ZopeSync.export}: the file's objects from its source (or from
     * {@code source}), with only that environment's secrets read; the file's targets are not used.
     *
     * @param source the environment to export from instead of the file's source, or {@code null}
     * @throws InvalidInputException naming the file, line and key, or an unknown {@code source}
     */
    SyncRequest.Builder exportRequest(String source, Path bundle, boolean dryRun, Function<String, String> env) {
        EnvironmentEntry from = source == null ? environment(requireSource()) : namedBy("--source", source);
        if (objects.isEmpty()) {
            throw root.error("'objects' is missing: the objects to export");
        }
        return SyncRequest.builder(from.resolve(env), bundle).objects(objects)
                .options(options.toBuilder().dryRun(dryRun).build());
    }

    /**
     * The environments for {@code check}: all of the file's, or the ones named with {@code --only}, in that
     * order, with their secrets read.
     *
     * @throws InvalidInputException naming an unknown environment or a bad secret
     */
    List<Environment> environments(List<String> only, Function<String, String> env) {
        List<Environment> resolved = new ArrayList<>();
        for (String name : only.isEmpty() ? getEnvironmentNames() : only) {
            resolved.add(namedBy("--only", name).resolve(env));
        }
        return resolved;
    }

    /** The file's timeouts ({@code options.timeout}, {@code options.connectTimeout}, ...). */
    Timeouts getTimeouts() {
        return options.getTimeouts();
    }

    /** The environment a command-line option names. */
    private EnvironmentEntry namedBy(String option, String name) {
        EnvironmentEntry entry = environments.get(name);
        if (entry == null) {
            throw InvalidInputException.of("%s %s: no such environment in %s (it has: %s)", option, name, file,
                    String.join(", ", environments.keySet()));
        }
        return entry;
    }

    /** The file's source environment's name. */
    String getSource() {
        return requireSource().asString();
    }

    private YamlNode requireSource() {
        if (source == null) {
            throw root.error("'source' is missing: the environment to export from");
        }
        return source;
    }

    private EnvironmentEntry environment(YamlNode nameNode) {
        String name = nameNode.asString();
        EnvironmentEntry entry = environments.get(name);
        if (entry == null) {
            throw nameNode.error("no environment named '%s' (environments: %s)", name,
                    String.join(", ", environments.keySet()));
        }
        return entry;
    }

    private Map<String, EnvironmentEntry> readEnvironments(YamlNode node) {
        Map<String, EnvironmentEntry> result = new LinkedHashMap<>();
        node.asMap();
        if (node.getEntries().isEmpty()) {
            throw node.error("no environment is defined");
        }
        for (Map.Entry<String, YamlNode> entry : node.getEntries().entrySet()) {
            YamlNode value = entry.getValue();
            at(value, () -> Environment.checkName(entry.getKey()));
            result.put(entry.getKey(), new EnvironmentEntry(entry.getKey(), value));
        }
        return result;
    }

    private List<YamlNode> readTargets(YamlNode node) {
        if (node == null) {
            return List.of();
        }
        List<YamlNode> items = node.asList();
        if (items.isEmpty()) {
            throw node.error("no target is given");
        }
        Set<String> seen = new HashSet<>();
        for (YamlNode item : items) {
            EnvironmentEntry target = environment(item);
            if (!seen.add(target.name)) {
                throw item.error("target '%s' is given twice", target.name);
            }
            if (source != null && target.name.equals(source.asString())) {
                throw item.error("target '%s' is the source itself", target.name);
            }
            if (source != null && environment(source).url.equals(target.url)) {
                throw item.error("target '%s' has the same Zope URL as the source '%s': %s", target.name,
                        source.asString(), target.url);
            }
            if (target.ssh == null) {
                throw item.error("target '%s' has no 'ssh' settings: a target needs SSH access to its import"
                        + " directory", target.name);
            }
        }
        return items;
    }

    private List<ObjectSpec> readObjects(YamlNode node) {
        List<ObjectSpec> result = new ArrayList<>();
        Set<ObjectPath> seen = new HashSet<>();
        for (YamlNode item : node.asList()) {
            ObjectSpec spec;
            if (item.isMap()) {
                checkKeys(item, OBJECT_KEYS);
                YamlNode pathNode = required(item, "path");
                ObjectPath path = at(pathNode, () -> ObjectPath.parse("object path", pathNode.asString()));
                YamlNode targetNode = item.get("target");
                ObjectPath folder = targetNode == null ? null
                        : at(targetNode, () -> ObjectPath.parse("target folder", targetNode.asString()));
                spec = at(pathNode, () -> ObjectSpec.of(path, folder));
            } else {
                spec = at(item, () -> ObjectSpec.of(item.asString()));
            }
            if (!seen.add(spec.getPath())) {
                throw item.error("object '%s' is given twice", spec.getPath());
            }
            result.add(spec);
        }
        if (result.isEmpty()) {
            throw node.error("no object is given");
        }
        return List.copyOf(result);
    }

    private SyncOptions readOptions(YamlNode node) {
        node.asMap();
        checkKeys(node, OPTION_KEYS);
        SyncOptions.Builder builder = SyncOptions.builder();
        Timeouts timeouts = Timeouts.defaults();
        for (Map.Entry<String, YamlNode> entry : node.getEntries().entrySet()) {
            YamlNode value = entry.getValue();
            switch (entry.getKey()) {
                case "onExisting":
                    builder.onExisting(at(value, () -> OnExisting.parse(value.asString())));
                    break;
                case "changedOnly":
                    builder.changedOnly(value.asBoolean());
                    break;
                case "onDrift":
                    builder.onDrift(at(value, () -> OnDrift.parse(value.asString())));
                    break;
                case "keepBackups":
                    builder.keepBackups(value.asBoolean());
                    break;
                case "saveReplaced":
                    builder.saveReplaced(value.asBoolean());
                    break;
                case "takeOwnership":
                    builder.takeOwnership(value.asBoolean());
                    break;
                case "suppressEvents":
                    builder.suppressEvents(value.asBoolean());
                    break;
                case "parallel":
                    int parallel = value.asInt();
                    at(value, () -> SyncOptions.builder().parallelism(parallel).build());
                    builder.parallelism(parallel);
                    break;
                case "retries":
                    int retries = value.asInt();
                    at(value, () -> SyncOptions.builder().retries(retries).build());
                    builder.retries(retries);
                    break;
                case "timeout":
                    timeouts = timeouts.withRead(duration(value, false));
                    break;
                case "connectTimeout":
                    timeouts = timeouts.withConnect(duration(value, false));
                    break;
                case "lockWait":
                    timeouts = timeouts.withLockWait(duration(value, true));
                    break;
                default:
                    break;
            }
        }
        Timeouts checked = timeouts;
        return at(node, () -> builder.timeouts(checked).build());
    }

    private static Duration duration(YamlNode node, boolean zeroAllowed) {
        Duration value;
        try {
            value = Durations.parse(node.asString());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        if (value.isZero() && !zeroAllowed) {
            throw node.error("must be longer than zero: %s", node.asString());
        }
        return value;
    }

    private static void checkKeys(YamlNode node, List<String> known) {
        node.asMap();
        for (Map.Entry<String, YamlNode> entry : node.getEntries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key '%s' (known keys here: %s)", entry.getKey(),
                        String.join(", ", known));
            }
        }
    }

    private static YamlNode required(YamlNode parent, String key) {
        YamlNode node = parent.asMap().get(key);
        if (node == null) {
            throw parent.error("'%s' is missing", key);
        }
        return node;
    }

    /** Runs a check of the engine's and reports its {@link InvalidInputException} at the node's line and key. */
    private static <T> T at(YamlNode node, Supplier<T> check) {
        try {
            return check.get();
        } catch (TaskFileException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw node.error(e.getMessage());
        }
    }

    /** A path from the file: {@code ~} is the home directory; a relative path is relative to the task file. */
    private Path resolvePath(String value) {
        String expanded = value;
        if (value.equals("~") || value.startsWith("~/")) {
            expanded = System.getProperty("user.home") + value.substring(1);
        }
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(expanded).normalize();
    }

    private String readText(YamlNode node, String what, int maxBytes) {
        Path path = resolvePath(node.asString());
        try {
            return LimitedFiles.readText(path, maxBytes, what);
        } catch (NoSuchFileException e) {
            throw node.error("%s does not exist: %s", what, path);
        } catch (IOException e) {
            throw node.error("%s", e.getMessage());
        }
    }

    private static String envVar(YamlNode node) {
        String name = node.asString();
        if (!ENV_VAR.matcher(name).matches()) {
            throw node.error("must be the name of an environment variable (letters, digits, '_'): %s", name);
        }
        return name;
    }

    private static String lookup(YamlNode node, Function<String, String> env, String what) {
        String name = node.asString();
        String value = env.apply(name);
        if (value == null || value.isEmpty()) {
            throw node.error("environment variable %s (%s) is not set", name, what);
        }
        return value;
    }

    private static void refuseInline(YamlNode parent, String key, String instead) {
        YamlNode inline = parent.asMap().get(key);
        if (inline != null) {
            throw inline.error("secrets are never written into a task file: give %s instead", instead);
        }
    }

    /** One environment as written in the file, checked but with its secrets not yet read. */
    private final class EnvironmentEntry {
        private final String name;
        private final String url;
        private final YamlNode usernameNode;
        private final YamlNode passwordEnv;
        private final YamlNode passwordFile;
        private final YamlNode caCertFile;
        private final SshEntry ssh;

        EnvironmentEntry(String name, YamlNode node) {
            this.name = name;
            refuseInline(node, "password",
                    "'passwordEnv' (an environment variable) or 'passwordFile' (a file holding it)");
            checkKeys(node, ENVIRONMENT_KEYS);
            YamlNode urlNode = required(node, "url");
            this.url = at(urlNode, () -> ZopeServer.parseUrl(name, urlNode.asString())).toString();
            this.usernameNode = required(node, "username");
            at(usernameNode, () -> ZopeServer.of(name, url, usernameNode.asString(), SecretValue.of("")));
            this.passwordEnv = node.get("passwordEnv");
            this.passwordFile = node.get("passwordFile");
            if ((passwordEnv == null) == (passwordFile == null)) {
                throw (passwordEnv == null ? node : passwordFile).error(passwordEnv == null
                        ? "the password is missing: give 'passwordEnv' or 'passwordFile'"
                        : "give 'passwordEnv' or 'passwordFile', not both");
            }
            if (passwordEnv != null) {
                envVar(passwordEnv);
            }
            this.caCertFile = node.get("caCertFile");
            if (caCertFile != null) {
                caCertFile.asString();
            }
            YamlNode sshNode = node.get("ssh");
            this.ssh = sshNode == null ? null : new SshEntry(name, sshNode);
        }

        Environment resolve(Function<String, String> env) {
            String password = passwordEnv != null
                    ? lookup(passwordEnv, env, "the Zope password of environment '" + name + "'")
                    : stripLineBreaks(readText(passwordFile, "the password file", LimitedFiles.SECRET_LIMIT));
            String pem = caCertFile == null ? null
                    : readText(caCertFile, "the CA certificate file", LimitedFiles.TEXT_LIMIT);
            if (pem != null) {
                at(caCertFile, () -> ZopeServer.of(name, url, usernameNode.asString(), SecretValue.of(""), pem));
            }
            ZopeServer zope = at(passwordEnv != null ? passwordEnv : passwordFile,
                    () -> ZopeServer.of(name, url, usernameNode.asString(), SecretValue.of(password), pem));
            return Environment.of(name, zope, ssh == null ? null : ssh.resolve(env));
        }
    }

    private static String stripLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** An environment's {@code ssh} block, checked but with the key not yet read. */
    private final class SshEntry {
        private final String environment;
        private final YamlNode node;
        private final String host;
        private final int port;
        private final String user;
        private final YamlNode keyFile;
        private final YamlNode passphraseEnv;
        private final String importDir;
        private final YamlNode knownHosts;
        private final HostKeyPolicy pinned;
        private final TransferProtocol protocol;
        private final List<String> ciphers;

        SshEntry(String environment, YamlNode node) {
            this.environment = environment;
            this.node = node;
            refuseInline(node, "passphrase", "'passphraseEnv' (an environment variable)");
            refuseInline(node, "password", "'keyFile' (a private key; password logins are not supported)");
            checkKeys(node, SSH_KEYS);
            YamlNode hostNode = required(node, "host");
            this.host = hostNode.asString();
            probe(hostNode, b -> { });
            YamlNode portNode = node.get("port");
            this.port = portNode == null ? 22 : portNode.asInt();
            if (portNode != null) {
                probe(portNode, b -> b.port(port));
            }
            YamlNode userNode = required(node, "user");
            this.user = userNode.asString();
            probe(userNode, b -> b.username(user));
            this.keyFile = required(node, "keyFile");
            keyFile.asString();
            this.passphraseEnv = node.get("passphraseEnv");
            if (passphraseEnv != null) {
                envVar(passphraseEnv);
            }
            YamlNode importDirNode = required(node, "importDir");
            this.importDir = at(importDirNode, () -> SshSettings.checkImportDir(environment,
                    importDirNode.asString()));
            this.knownHosts = node.get("knownHosts");
            YamlNode hostKey = node.get("hostKey");
            if ((knownHosts == null) == (hostKey == null)) {
                throw (hostKey == null ? node : hostKey).error(hostKey == null
                        ? "host key verification is missing: give 'knownHosts' (a known_hosts file) or 'hostKey'"
                                + " (the server's public key or its SHA256 fingerprint)"
                        : "give 'knownHosts' or 'hostKey', not both");
            }
            this.pinned = hostKey == null ? null : at(hostKey, () -> HostKeyPolicy.pinned(hostKey.asString()));
            if (knownHosts != null) {
                knownHosts.asString();
            }
            YamlNode protocolNode = node.get("protocol");
            this.protocol = protocolNode == null ? TransferProtocol.SFTP : protocol(protocolNode);
            YamlNode ciphersNode = node.get("ciphers");
            this.ciphers = ciphersNode == null ? SshSettings.DEFAULT_CIPHERS : ciphers(ciphersNode);
        }

        /** Checks one SSH value with the engine's own rules, the other values being plain placeholders. */
        private void probe(YamlNode valueNode, Consumer<SshSettings.Builder> value) {
            SshSettings.Builder builder = SshSettings.builder(environment, host).username("probe")
                    .key(PLACEHOLDER_KEY).hostKey(HostKeyPolicy.acceptAny()).importDir("/");
            value.accept(builder);
            at(valueNode, builder::build);
        }

        private TransferProtocol protocol(YamlNode protocolNode) {
            String value = protocolNode.asString().strip().toUpperCase(Locale.ROOT);
            for (TransferProtocol candidate : TransferProtocol.values()) {
                if (candidate.name().equals(value)) {
                    return candidate;
                }
            }
            throw protocolNode.error("must be sftp or scp: %s", protocolNode.asString());
        }

        private List<String> ciphers(YamlNode ciphersNode) {
            List<String> result = new ArrayList<>();
            for (YamlNode item : ciphersNode.asList()) {
                result.add(item.asString().strip());
            }
            if (result.isEmpty()) {
                throw ciphersNode.error("must name at least one cipher");
            }
            return List.copyOf(result);
        }

        SshSettings resolve(Function<String, String> env) {
            String keyText = readText(keyFile, "the SSH key file", LimitedFiles.TEXT_LIMIT);
            SecretValue passphrase = passphraseEnv == null ? null
                    : SecretValue.of(lookup(passphraseEnv, env, "the SSH key passphrase of environment '"
                            + environment + "'"));
            SshKey key = at(keyFile, () -> SshKey.of(SecretValue.of(keyText), passphrase));
            HostKeyPolicy hostKey = pinned;
            if (hostKey == null) {
                Path knownHostsFile = resolvePath(knownHosts.asString());
                if (!Files.isReadable(knownHostsFile)) {
                    throw knownHosts.error("known_hosts file cannot be read: %s", knownHostsFile);
                }
                hostKey = HostKeyPolicy.knownHosts(knownHostsFile.toString());
            }
            SshSettings.Builder builder = SshSettings.builder(environment, host).port(port).username(user).key(key)
                    .hostKey(hostKey).importDir(importDir).protocol(protocol).ciphers(ciphers);
            return at(node, builder::build);
        }
    }
}
