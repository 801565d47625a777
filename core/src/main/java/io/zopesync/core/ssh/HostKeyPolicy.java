package io.zopesync.core.ssh;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a server's SSH host key is verified: against a pinned key ({@code ssh-ed25519 AAAA…}) or fingerprint
 * ({@code SHA256:…}), against a known_hosts file, or (only when asked for explicitly, and logged as a warning)
 * not at all.
 */
public final class HostKeyPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern KEY = Pattern.compile("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)"
            + "|ssh-ed448|rsa-sha2-(256|512))\\s+[A-Za-z0-9+/]+={0,3}(\\s.*)?$");
    private static final Pattern FINGERPRINT = Pattern.compile("^SHA256:[A-Za-z0-9+/]{43}=?$");

    /** The kinds of verification. */
    public enum Mode {
        /** A pinned public key or SHA-256 fingerprint. */
        PINNED,
        /** A known_hosts file. */
        KNOWN_HOSTS,
        /** Accept any key: an explicit, logged choice. */
        ACCEPT_ANY
    }

    private final Mode mode;
    private final @Nullable String value;

    private HostKeyPolicy(Mode mode, @Nullable String value) {
        this.mode = mode;
        this.value = value;
    }

    /**
     * Pins a host key ({@code ssh-ed25519 AAAA…}, as in a known_hosts line without the host) or its
     * fingerprint ({@code SHA256:…}, as {@code ssh-keygen -lf} prints it).
     *
     * @throws InvalidInputException if the value is neither, naming it
     */
    public static HostKeyPolicy pinned(String keyOrFingerprint) {
        String value = Objects.requireNonNull(keyOrFingerprint, "host key").strip();
        if (!KEY.matcher(value).matches() && !FINGERPRINT.matcher(value).matches()) {
            throw InvalidInputException.of("host key must be a public key ('ssh-ed25519 AAAA...') or a"
                    + " fingerprint ('SHA256:' and 43 base64 characters): %s", ZopeIds.printable(value));
        }
        return new HostKeyPolicy(Mode.PINNED, value);
    }

    /** Verifies against a known_hosts file (a path on the machine that runs the transfer). */
    public static HostKeyPolicy knownHosts(String file) {
        if (file == null || file.isBlank()) {
            throw new InvalidInputException("known_hosts file must not be empty");
        }
        return new HostKeyPolicy(Mode.KNOWN_HOSTS, file.strip());
    }

    /** Accepts any host key. Use only on a trusted network; every connection logs a warning. */
    public static HostKeyPolicy acceptAny() {
        return new HostKeyPolicy(Mode.ACCEPT_ANY, null);
    }

    public Mode getMode() {
        return mode;
    }

    /** The pinned key or fingerprint, or the known_hosts path; {@code null} for {@link Mode#ACCEPT_ANY}. */
    public @Nullable String getValue() {
        return value;
    }

    /** Whether the pinned value is a fingerprint rather than a whole key. */
    public boolean isFingerprint() {
        return mode == Mode.PINNED && value.startsWith("SHA256:");
    }

    @Override
    public String toString() {
        return mode == Mode.ACCEPT_ANY ? "accept any host key" : mode.name().toLowerCase() + " " + value;
    }
}
