package io.jenkins.plugins.zopesync.model;

import hudson.console.LineTransformationOutputStream;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.SshKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The build log with the run's secrets masked, line by line, as a second layer: the engine never writes a password,
 * key or passphrase, but a Zope or SSH server could echo one in an error that the log then shows. Each password,
 * passphrase and line of a private key of at least {@link #SHORTEST} characters is replaced by {@link #MASK} (a
 * shorter one would mask ordinary text).
 *
 * <p>{@code MaskedLog log = new MaskedLog(listener.getLogger(), MaskedLog.secretsOf(environments));} then
 * {@code log.printStream()} for the run, and {@link #finish()} when it is done, which writes out a last line
 * without a line break and leaves the build log open. A secret is masked where it lies within one line.
 */
public final class MaskedLog extends LineTransformationOutputStream.Delegating {
    /** What a secret is replaced by. */
    public static final String MASK = "****";
    /** The shortest secret that is masked. */
    public static final int SHORTEST = 4;

    private final List<String> secrets;

    /**
     * @param out the build log
     * @param secrets the texts to mask
     */
    public MaskedLog(OutputStream out, Collection<String> secrets) {
        super(out);
        this.secrets = secrets.stream()
                .filter(secret -> secret.length() >= SHORTEST)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** A UTF-8 print stream onto this log. */
    public PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /** Writes out a last line without a line break and flushes, leaving the build log open. */
    public void finish() throws IOException {
        forceEol();
        out.flush();
    }

    /** The passwords, passphrases and private key lines of the environments. */
    public static Set<String> secretsOf(Collection<Environment> environments) {
        Set<String> secrets = new LinkedHashSet<>();
        for (Environment environment : environments) {
            add(secrets, environment.getZope().getPassword());
            if (environment.getSsh().isPresent()) {
                SshKey key = environment.getSsh().get().getKey();
                add(secrets, key.getPassphrase());
                if (key.getPrivateKey() != null) {
                    for (String line : key.getPrivateKey().reveal().split("\\R")) {
                        if (!line.startsWith("-----")) {
                            secrets.add(line.strip());
                        }
                    }
                }
            }
        }
        return secrets;
    }

    private static void add(Set<String> secrets, SecretValue value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value.reveal());
        }
    }

    /** The text with the secrets masked. */
    public String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    @Override
    protected void eol(byte[] bytes, int length) throws IOException {
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
        String masked = mask(line);
        if (masked.equals(line)) {
            out.write(bytes, 0, length);
        } else {
            out.write(masked.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Finishes without closing the build log, which belongs to the build. */
    @Override
    public void close() throws IOException {
        finish();
    }
}
