package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns zupdate.py's task description ({@code LZOPE}, {@code RZOPE}, {@code OBJS}) into a task file.
 *
 * <p>zupdate.py's file is read, never run ({@link PythonLiterals}). Passwords are never copied: each becomes
 * {@code passwordEnv: ZOPE_<NAME>_PASSWORD}, with a warning. {@code user@host:/path} becomes the SSH user and
 * host and the import directory {@code /path/import}. The local Zope is the environment {@code source}; each
 * remote one is named after the first label of its host ({@code test1}, {@code www}), made unique. zupdate.py
 * names no SSH key or host key: the task file gets {@code ~/.ssh/id_ed25519} and {@code ~/.ssh/known_hosts},
 * with a comment to check them.
 *
 * <pre>{@code
 * ZupdateConverter.Conversion c = ZupdateConverter.convert(Files.readString(file), file);
 * Files.writeString(Path.of("task.yaml"), c.yaml());  // and show c.warnings()
 * }</pre>
 */
final class ZupdateConverter {
    static final String DEFAULT_KEY_FILE = "~/.ssh/id_ed25519";
    static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";
    private static final String SOURCE = "source";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/_.~][A-Za-z0-9_./:@~+-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y",
            "n");

    /**
     * The converted task file and what the user must know about it.
     *
     * @param yaml the task file's text
     * @param warnings what was not copied or had to be assumed, one sentence each
     */
    record Conversion(String yaml, List<String> warnings) {
        Conversion {
            warnings = List.copyOf(warnings);
        }
    }

    /** One Zope installation of zupdate.py's description. */
    private record Zope(String name, String url, String user, String passwordEnv, SshTarget ssh) {
    }

    /** {@code user@host:/path} of a remote installation. */
    private record SshTarget(String user, String host, String importDir) {
    }

    private final Path file;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private ZupdateConverter(Path file) {
        this.file = file;
    }

    /**
     * Converts zupdate.py's description.
     *
     * @param file the file's name, for messages
     * @throws InvalidInputException naming the file, line and column of a missing or malformed statement or value
     */
    static Conversion convert(String python, Path file) {
        return new ZupdateConverter(file).convert(python);
    }

    private Conversion convert(String python) {
        Map<String, PythonLiterals.Value> values = PythonLiterals.read(python, file, Set.of("LZOPE", "RZOPE",
                "OBJS"));
        Zope source = zope(require(values, "LZOPE"), "LZOPE", false);
        List<Zope> remotes = new ArrayList<>();
        PythonLiterals.Value rzope = require(values, "RZOPE");
        if (isZopeTuple(rzope)) {
            remotes.add(zope(rzope, "RZOPE", true));
        } else {
            for (PythonLiterals.Value item : sequence(rzope, "RZOPE", "a tuple or a list of tuples")) {
                remotes.add(zope(item, "RZOPE", true));
            }
        }
        if (remotes.isEmpty()) {
            throw error(rzope, "RZOPE names no remote Zope installation");
        }
        List<ObjectSpec> objects = objects(require(values, "OBJS"));
        warnings.add("zupdate.py names no SSH key or host key: check keyFile (" + DEFAULT_KEY_FILE
                + ") and knownHosts (" + DEFAULT_KNOWN_HOSTS + ") in the task file");
        String yaml = yaml(source, remotes, objects);
        checkReadable(yaml);
        return new Conversion(yaml, warnings);
    }

    private PythonLiterals.Value require(Map<String, PythonLiterals.Value> values, String name) {
        PythonLiterals.Value value = values.get(name);
        if (value == null) {
            throw new InvalidInputException(file + ": no " + name + " = ... statement: it is not a zupdate.py task"
                    + " description");
        }
        return value;
    }

    private static boolean isZopeTuple(PythonLiterals.Value value) {
        return value.isSequence() && !value.items().isEmpty() && value.items().get(0).isString();
    }

    /** {@code ('host:port', ('user', 'password'), 'path')}; for a remote, the path is {@code user@host:/path}. */
    private Zope zope(PythonLiterals.Value value, String statement, boolean remote) {
        String shape = remote ? "('host:port', ('user', 'password'), 'user@host:/path')"
                : "('host:port', ('user', 'password'), '/path')";
        List<PythonLiterals.Value> items = sequence(value, statement, shape);
        if (items.size() < (remote ? 3 : 2) || !items.get(0).isString() || !items.get(1).isSequence()
                || items.get(1).items().size() != 2 || !items.get(1).items().get(0).isString()
                || !items.get(1).items().get(1).isString() || remote && !items.get(2).isString()) {
            throw error(value, statement + ": expected " + shape + ", found " + value.describe());
        }
        String hostPort = items.get(0).text().strip();
        String name = remote ? uniqueName(host(hostPort)) : uniqueName(SOURCE);
        String url = at(items.get(0), () -> ZopeServer.parseUrl(name, url(hostPort)).toString());
        String user = items.get(1).items().get(0).text();
        String passwordEnv = "ZOPE_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_PASSWORD";
        warnings.add(statement + " (line " + value.line() + "): the password of '" + user + "' is not copied: set "
                + passwordEnv + " before running (environment '" + name + "')");
        SshTarget ssh = remote ? sshTarget(items.get(2), name, host(hostPort)) : null;
        return new Zope(name, url, user, passwordEnv, ssh);
    }

    private SshTarget sshTarget(PythonLiterals.Value value, String name, String zopeHost) {
        String spec = value.text().strip();
        int colon = spec.indexOf(':');
        String userHost = colon < 0 ? "" : spec.substring(0, colon);
        String path = colon < 0 ? spec : spec.substring(colon + 1);
        int at = userHost.lastIndexOf('@');
        String user = at < 0 ? "" : userHost.substring(0, at);
        String host = at < 0 ? userHost : userHost.substring(at + 1);
        if (host.isEmpty()) {
            host = zopeHost;
        }
        if (user.isEmpty()) {
            user = System.getProperty("user.name", "zope");
            warnings.add("RZOPE (line " + value.line() + "): no SSH user in '" + spec + "' (zupdate.py's scp used"
                    + " your login name): the task file says '" + user + "' for environment '" + name + "'");
        }
        String base = path.replaceAll("/+$", "");
        String importDir = at(value, () -> SshSettings.checkImportDir(name, base + "/import"));
        return new SshTarget(user, host, importDir);
    }

    private List<ObjectSpec> objects(PythonLiterals.Value objs) {
        List<PythonLiterals.Value> items = objs.isString() ? List.of(objs)
                : sequence(objs, "OBJS", "a list of paths and (path, folder) tuples");
        List<ObjectSpec> result = new ArrayList<>();
        for (PythonLiterals.Value item : items) {
            if (item.isString()) {
                result.add(at(item, () -> ObjectSpec.of(item.text())));
            } else if (item.isSequence() && item.items().size() == 2 && item.items().get(0).isString()
                    && item.items().get(1).isString()) {
                result.add(at(item, () -> ObjectSpec.of(item.items().get(0).text(), item.items().get(1).text())));
            } else {
                throw error(item, "OBJS: expected '/path' or ('/path', '/folder'), found " + item.describe());
            }
        }
        if (result.isEmpty()) {
            throw error(objs, "OBJS names no object");
        }
        return result;
    }

    private List<PythonLiterals.Value> sequence(PythonLiterals.Value value, String statement, String expected) {
        if (!value.isSequence()) {
            throw error(value, statement + ": expected " + expected + ", found " + value.describe());
        }
        return value.items();
    }

    /** The host of {@code host:port} or of a URL. */
    private static String host(String hostPort) {
        String rest = hostPort.replaceFirst("^[A-Za-z]+://", "");
        int end = rest.length();
        for (char stop : new char[] {':', '/'}) {
            int i = rest.indexOf(stop);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return rest.substring(0, end);
    }

    /** zupdate.py spoke plain HTTP; port 443 can only mean HTTPS. */
    private static String url(String hostPort) {
        if (hostPort.contains("://")) {
            return hostPort;
        }
        if (hostPort.endsWith(":443")) {
            return "https://" + hostPort.substring(0, hostPort.length() - 4);
        }
        return "http://" + hostPort;
    }

    /** The host's first label, made a valid environment name, unique in this file. */
    private String uniqueName(String host) {
        String label = host.contains(".") && !host.matches("[0-9.]+") ? host.substring(0, host.indexOf('.')) : host;
        String base = label.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (base.isEmpty()) {
            base = "target";
        }
        base = base.substring(0, Math.min(base.length(), 56));
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "-" + n;
        }
        Environment.checkName(name);
        return name;
    }

    private String yaml(Zope source, List<Zope> remotes, List<ObjectSpec> objects) {
        StringBuilder out = new StringBuilder();
        out.append("# zope-sync task file, converted from the zupdate.py task description in ")
                .append(file.getFileName()).append('\n');
        out.append("# Passwords are not in this file: set the environment variables named by passwordEnv.\n");
        out.append("environments:\n");
        environment(out, source);
        remotes.forEach(remote -> environment(out, remote));
        out.append("source: ").append(source.name()).append('\n');
        out.append("targets:\n");
        remotes.forEach(remote -> out.append("  - ").append(scalar(remote.name())).append('\n'));
        out.append("objects:\n");
        for (ObjectSpec object : objects) {
            if (object.isRelocated()) {
                out.append("  - path: ").append(scalar(object.getPath().toString())).append('\n');
                out.append("    target: ").append(scalar(object.getTargetFolder().toString())).append('\n');
            } else {
                out.append("  - ").append(scalar(object.getPath().toString())).append('\n');
            }
        }
        return out.toString();
    }

    private static void environment(StringBuilder out, Zope zope) {
        out.append("  ").append(scalar(zope.name())).append(":\n");
        out.append("    url: ").append(scalar(zope.url())).append('\n');
        out.append("    username: ").append(scalar(zope.user())).append('\n');
        out.append("    passwordEnv: ").append(zope.passwordEnv()).append('\n');
        if (zope.ssh() != null) {
            out.append("    ssh:\n");
            out.append("      host: ").append(scalar(zope.ssh().host())).append('\n');
            out.append("      port: 22\n");
            out.append("      user: ").append(scalar(zope.ssh().user())).append('\n');
            out.append("      # not in zupdate.py: the private key that logs in as ").append(zope.ssh().user())
                    .append('\n');
            out.append("      keyFile: ").append(DEFAULT_KEY_FILE).append('\n');
            out.append("      # not in zupdate.py: host keys are checked against this file")
                    .append(" (or pin one: hostKey: \"SHA256:...\")\n");
            out.append("      knownHosts: ").append(DEFAULT_KNOWN_HOSTS).append('\n');
            out.append("      importDir: ").append(scalar(zope.ssh().importDir())).append('\n');
        }
    }

    /** A YAML scalar: plain where that reads back as the same string, double-quoted otherwise. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))
                && !value.matches("[0-9.+-]+") && !value.contains(": ") && !value.endsWith(":")) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c) || !Character.isSurrogate(c) && SafeText.isUnsafe(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * Reads the converted file back with the task file rules, which catch what needs the whole description (the
     * same object twice, a remote that is the local Zope).
     */
    private void checkReadable(String yaml) {
        try {
            TaskFile.parse(new StringReader(yaml), Path.of("converted.yaml"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": the converted task file would not be valid: "
                    + e.getMessage());
        }
    }

    private <T> T at(PythonLiterals.Value value, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw error(value, e.getMessage());
        }
    }

    private InvalidInputException error(PythonLiterals.Value value, String message) {
        return PythonLiterals.error(file, value.line(), value.column(), message);
    }
}
