package io.zopesync.core.zope;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.ZopeIds;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one Zope server over HTTP: its URL, the management login, and optionally an extra CA
 * certificate (PEM) trusted besides the JVM's trust store, for servers behind a private CA.
 *
 * <p>{@code ZopeServer.of("dev", "http://localhost:8080", "adm", SecretValue.of("…"))}. The URL must be http or
 * https with a host and no user-info (credentials come from the login, never from the URL). Immutable;
 * {@link #toString()} never shows the password.
 */
public final class ZopeServer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final URI url;
    private final String username;
    private final SecretValue password;
    private final String caCertificatePem;

    private ZopeServer(String name, URI url, String username, SecretValue password, String caCertificatePem) {
        this.name = name;
        this.url = url;
        this.username = username;
        this.password = password;
        this.caCertificatePem = caCertificatePem;
    }

    /**
     * @param name the environment's name, used in messages
     * @throws InvalidInputException if the URL or the user name is not acceptable
     */
    public static ZopeServer of(String name, String url, String username, SecretValue password) {
        return of(name, url, username, password, null);
    }

    /**
     * @param caCertificatePem an extra CA certificate in PEM form, or {@code null}
     * @throws InvalidInputException if the URL, the user name or the certificate is not acceptable
     */
    public static ZopeServer of(String name, String url, String username, SecretValue password,
            @Nullable String caCertificatePem) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        URI uri = parseUrl(name, url);
        if (username == null || username.isBlank()) {
            throw InvalidInputException.of("Zope user name of environment '%s' must not be empty", name);
        }
        if (username.indexOf(':') >= 0 || !StandardCharsets.US_ASCII.newEncoder().canEncode(username)
                || username.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of(
                    "Zope user name of environment '%s' must be ASCII without ':' or control characters: %s",
                    name, ZopeIds.printable(username));
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(password.reveal())) {
            throw InvalidInputException.of("Zope password of environment '%s' must be ASCII"
                    + " (older Zope versions cannot decode anything else)", name);
        }
        String pem = caCertificatePem == null || caCertificatePem.isBlank() ? null : caCertificatePem;
        if (pem != null && !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw InvalidInputException.of("CA certificate of environment '%s' is not a PEM certificate"
                    + " (no '-----BEGIN CERTIFICATE-----' line)", name);
        }
        return new ZopeServer(name, uri, username, password, pem);
    }

    /**
     * Checks a Zope URL: http or https, a host, no user-info, query or fragment. A trailing slash is dropped.
     *
     * @throws InvalidInputException naming the environment and the URL
     */
    public static URI parseUrl(String name, String url) {
        if (url == null || url.isBlank()) {
            throw InvalidInputException.of("Zope URL of environment '%s' must not be empty", name);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw InvalidInputException.of("Zope URL of environment '%s' is not a valid URL: %s", name,
                    ZopeIds.printable(url));
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw InvalidInputException.of("Zope URL of environment '%s' must start with http:// or https://: %s",
                    name, ZopeIds.printable(url));
        }
        if (uri.getRawUserInfo() != null) {
            throw InvalidInputException.of("Zope URL of environment '%s' must not contain a user name or password"
                    + " (give them as credentials): %s://…@%s", name, scheme, uri.getHost());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw InvalidInputException.of("Zope URL of environment '%s' has no host: %s", name,
                    ZopeIds.printable(url));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw InvalidInputException.of("Zope URL of environment '%s' must not have a query or fragment: %s",
                    name, ZopeIds.printable(url));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme.toLowerCase(java.util.Locale.ROOT), null, uri.getHost(), uri.getPort(),
                    null, null, null).resolve(path.isEmpty() ? "" : path);
        } catch (URISyntaxException e) {
            throw InvalidInputException.of("Zope URL of environment '%s' is not a valid URL: %s", name,
                    ZopeIds.printable(url));
        }
    }

    public String getName() {
        return name;
    }

    /** The base URL, without a trailing slash, e.g. {@code http://localhost:8080} or {@code https://h/zope}. */
    public URI getUrl() {
        return url;
    }

    public String getUsername() {
        return username;
    }

    public SecretValue getPassword() {
        return password;
    }

    public Optional<String> getCaCertificatePem() {
        return Optional.ofNullable(caCertificatePem);
    }

    @Override
    public String toString() {
        return name + " (" + url + ", user " + username + ")";
    }
}
