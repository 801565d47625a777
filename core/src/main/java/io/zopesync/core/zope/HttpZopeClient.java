package io.zopesync.core.zope;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeIds;
import io.zopesync.core.kernel.ZopeSyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link ZopeApi} over HTTP with Apache HttpClient 5 (classic): one connection pool per server, preemptive Basic
 * authentication, no redirects, no automatic retries (this class decides what may be repeated), no content
 * compression. See {@link ZopeClient#create} for the settings.
 */
final class HttpZopeClient implements ZopeApi {
    /** A body larger than this is not an error page worth reading in full. */
    private static final int PAGE_LIMIT = 256 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;
    /** Statuses that mean "busy or restarting, try again later": only reads are repeated on them. */
    private static final Set<Integer> TRY_AGAIN_STATUSES = Set.of(429, 502, 503, 504);
    /** However often the back-off doubles, no wait is longer than this. */
    private static final long MAX_BACKOFF_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final String PROPFIND_BODY = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getcontenttype/></D:prop></D:propfind>";
    private static final String TREE_BODY = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getlastmodified/><D:getcontentlength/>"
            + "<D:displayname/></D:prop></D:propfind>";
    /** What only an ordered folder's contents page holds ({@code OFS/zpt/main.zpt}, and 2.13's main.dtml). */
    private static final byte[] MOVE_BUTTON = "manage_move_objects_up:method".getBytes(StandardCharsets.US_ASCII);
    private static final ContentType XML = ContentType.create("text/xml", StandardCharsets.UTF_8);
    private static final ContentType FORM =
            ContentType.create("application/x-www-form-urlencoded", StandardCharsets.UTF_8);

    private final ZopeServer server;
    private final String base;
    private final Timeouts timeouts;
    private final int attempts;
    private final Duration backoff;
    private final SyncLog log;
    private final String authorization;
    private final CloseableHttpClient http;
    private final InterruptWatch watch;

    HttpZopeClient(ZopeServer server, Timeouts timeouts, int attempts, Duration backoff, int maxConnections,
            SyncLog log) {
        this.server = server;
        this.base = server.getUrl().toString();
        this.timeouts = timeouts;
        this.attempts = attempts;
        this.backoff = backoff;
        this.log = log;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (server.getUsername() + ":" + server.getPassword().reveal()).getBytes(StandardCharsets.US_ASCII));
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeouts.getConnect()))
                .setSocketTimeout(Timeout.of(timeouts.getRead()))
                // Zope closes idle keep-alive connections; check one that rested before sending an import on it.
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        RequestConfig requests = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(timeouts.getRead()))
                .setResponseTimeout(Timeout.of(timeouts.getRead()))
                .setRedirectsEnabled(false)
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(ServerTrust.sslContext(server)))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections)
                        .build())
                .setDefaultRequestConfig(requests)
                .disableContentCompression()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("zope-sync")
                .build();
        this.watch = new InterruptWatch(server.getName());
    }

    @Override
    public String getName() {
        return server.getName();
    }

    @Override
    public void checkLogin() {
        Call call = Call.propfind("check the login on /", ObjectPath.root(), url(ObjectPath.root()) + "/", 0);
        send(call, (response, request) -> {
            if (response.getCode() != 207) {
                throw failure(call, response);
            }
            return null;
        });
    }

    @Override
    public boolean exists(ObjectPath path) {
        Objects.requireNonNull(path, "path");
        String url = path.isRoot() ? url(path) + "/" : url(path);
        Call call = Call.propfind("check whether " + path + " exists", path, url, 0);
        return send(call, (response, request) -> {
            switch (response.getCode()) {
                case 207:
                    return true;
                case 404:
                    return false;
                default:
                    throw failure(call, response);
            }
        });
    }

    @Override
    public ZopeResource describe(ObjectPath path) {
        Objects.requireNonNull(path, "path");
        String url = path.isRoot() ? url(path) + "/" : url(path);
        Call call = Call.propfind("look at " + path, path, url, 0);
        return send(call, (response, request) -> {
            switch (response.getCode()) {
                case 207:
                    try (InputStream body = response.getEntity().getContent()) {
                        return PropfindListing.resource(body);
                    } catch (PropfindListing.FormatException e) {
                        throw new ZopeException(ZopeException.Kind.SERVER, 207, getName(), call.object,
                                failed(call, e.getMessage() + " (HTTP 207)"), e);
                    }
                case 404:
                    return ZopeResource.missing();
                default:
                    throw failure(call, response);
            }
        });
    }

    @Override
    public boolean isOrdered(ObjectPath folder) {
        Objects.requireNonNull(folder, "folder");
        Call call = Call.get("read the contents page of " + folder, folder, url(folder) + "/manage_main");
        return send(call, (response, request) -> {
            if (response.getCode() != 200) {
                throw failure(call, response);
            }
            try (InputStream body = response.getEntity().getContent()) {
                return contains(body, MOVE_BUTTON);
            }
        });
    }

    @Override
    public void moveBefore(ObjectPath folder, String id, String beforeId) {
        Objects.requireNonNull(folder, "folder");
        ZopeIds.check("object id", Objects.requireNonNull(id, "id"), id);
        ZopeIds.check("object id", Objects.requireNonNull(beforeId, "beforeId"), beforeId);
        String action = "move '" + id + "' before '" + beforeId + "' in " + folder;
        List<String> ids = listIds(folder);
        int from = ids.indexOf(id);
        int to = ids.indexOf(beforeId);
        if (from < 0 || to < 0) {
            throw new ZopeException(ZopeException.Kind.NOT_FOUND, 0, getName(), folder.child(from < 0 ? id
                    : beforeId).toString(), String.format("Zope '%s' could not %s: %s is not in the folder",
                            getName(), action, from < 0 ? id : beforeId), null);
        }
        if (from == to - 1) {
            return;
        }
        String method = from > to ? "manage_move_objects_up" : "manage_move_objects_down";
        int delta = from > to ? from - to : to - 1 - from;
        Call call = Call.write(action, folder.child(id), url(folder) + "/" + method,
                "ids:list=" + encode(id) + "&delta:int=" + delta, "");
        send(call, (response, request) -> expectManagePage(call, response));
        List<String> after = listIds(folder);
        if (after.indexOf(id) < 0 || after.indexOf(id) != after.indexOf(beforeId) - 1) {
            throw new ZopeException(ZopeException.Kind.SERVER, 200, getName(), folder.child(id).toString(),
                    failed(call, "Zope answered, but " + id + " is not just before " + beforeId + " (is "
                            + folder + " an ordered folder?)"), null);
        }
    }

    /** Whether a stream holds the bytes, read through without keeping more than a buffer of it. */
    private static boolean contains(InputStream in, byte[] wanted) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER + wanted.length];
        int kept = 0;
        for (int n = in.read(buffer, kept, COPY_BUFFER); n >= 0; n = in.read(buffer, kept, COPY_BUFFER)) {
            int length = kept + n;
            for (int i = 0; i + wanted.length <= length; i++) {
                if (java.util.Arrays.equals(buffer, i, i + wanted.length, wanted, 0, wanted.length)) {
                    return true;
                }
            }
            kept = Math.min(length, wanted.length - 1);
            System.arraycopy(buffer, length - kept, buffer, 0, kept);
        }
        return false;
    }

    @Override
    public List<String> listIds(ObjectPath folder) {
        Objects.requireNonNull(folder, "folder");
        Call call = Call.propfind("list " + folder, folder, url(folder) + "/", 1);
        return send(call, (response, request) -> {
            if (response.getCode() != 207) {
                throw failure(call, response);
            }
            try (InputStream body = response.getEntity().getContent()) {
                return PropfindListing.childIds(body);
            } catch (PropfindListing.FormatException e) {
                throw new ZopeException(ZopeException.Kind.SERVER, 207, getName(), call.object,
                        failed(call, e.getMessage() + " (HTTP 207)"), e);
            }
        });
    }

    @Override
    public Optional<ObjectTree> tree(ObjectPath path) {
        Objects.requireNonNull(path, "path");
        String url = path.isRoot() ? url(path) + "/" : url(path);
        Call call = Call.propfind("list the tree of " + path, path, url, "infinity", TREE_BODY);
        return send(call, (response, request) -> {
            if (response.getCode() == 404) {
                return Optional.empty();
            }
            if (response.getCode() != 207) {
                throw failure(call, response);
            }
            try (InputStream body = response.getEntity().getContent()) {
                return Optional.of(PropfindListing.tree(body));
            } catch (PropfindListing.FormatException e) {
                throw new ZopeException(ZopeException.Kind.SERVER, 207, getName(), call.object,
                        failed(call, e.getMessage() + " (HTTP 207)"), e);
            }
        });
    }

    @Override
    public ExportedFile export(ObjectPath path, Path file, LongConsumer progress) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(progress, "progress");
        if (path.isRoot()) {
            throw new InvalidInputException("the root folder cannot be exported; give the path of an object");
        }
        Call call = Call.export("export " + path, path,
                url(path.getParent()) + "/manage_exportObject?id=" + encode(path.getId()) + "&download:int=1");
        try {
            return send(call, (response, request) -> {
                if (response.getCode() != 200) {
                    throw failure(call, response);
                }
                if (isHtml(response.getEntity())) {
                    throw new ZopeException(ZopeException.Kind.SERVER, 200, getName(), call.object,
                            failed(call, "Zope answered with an HTML page instead of a .zexp file: "
                                    + ZopeErrorPage.messageOf(readPage(response.getEntity())) + " (HTTP 200)"),
                            null);
                }
                return download(call, request, response.getEntity(), file, progress);
            });
        } catch (ZopeException e) {
            deletePartial(file, e);
            throw explainMissingExport(path, e);
        } catch (RuntimeException e) {
            deletePartial(file, e);
            throw e;
        }
    }

    @Override
    public void importObject(ObjectPath folder, String fileName, boolean takeOwnership, boolean suppressEvents) {
        Objects.requireNonNull(folder, "folder");
        checkBareFileName(fileName);
        Call call = Call.write("import '" + fileName + "' into " + folder, folder,
                url(folder) + "/manage_importObject",
                "file=" + encode(fileName) + "&set_owner:int=" + (takeOwnership ? 1 : 0)
                        + "&suppress_events:int=" + (suppressEvents ? 1 : 0),
                " (often a corrupt or truncated .zexp file, an object type not allowed in this folder, or missing"
                        + " permissions)");
        send(call, (response, request) -> expectManagePage(call, response));
    }

    @Override
    public void delete(ObjectPath folder, String id) {
        Objects.requireNonNull(folder, "folder");
        ZopeIds.check("object id", Objects.requireNonNull(id, "id"), id);
        Call call = Call.write("delete '" + id + "' in " + folder, folder.child(id),
                url(folder) + "/manage_delObjects", "ids:list=" + encode(id), "");
        send(call, (response, request) -> expectManagePage(call, response));
    }

    @Override
    public void deleteAll(ObjectPath folder, List<String> ids) {
        Objects.requireNonNull(folder, "folder");
        if (ids.size() < 2) {
            ids.forEach(id -> delete(folder, id));
            return;
        }
        StringBuilder form = new StringBuilder();
        for (String id : ids) {
            ZopeIds.check("object id", Objects.requireNonNull(id, "id"), id);
            form.append(form.length() == 0 ? "" : "&").append("ids:list=").append(encode(id));
        }
        Call call = Call.write("delete " + ids.size() + " objects in " + folder, folder,
                url(folder) + "/manage_delObjects", form.toString(), "");
        send(call, (response, request) -> expectManagePage(call, response));
    }

    @Override
    public void rename(ObjectPath folder, String oldId, String newId) {
        Objects.requireNonNull(folder, "folder");
        ZopeIds.check("object id", Objects.requireNonNull(oldId, "oldId"), oldId);
        ZopeIds.check("new object id", Objects.requireNonNull(newId, "newId"), newId);
        Call call = Call.write("rename '" + oldId + "' to '" + newId + "' in " + folder, folder.child(oldId),
                url(folder) + "/manage_renameObject", "id=" + encode(oldId) + "&new_id=" + encode(newId),
                " (often the new id is already in use or not allowed, or the old id does not exist)");
        send(call, (response, request) -> expectManagePage(call, response));
    }

    @Override
    public void close() {
        watch.close();
        http.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "ZopeClient[" + server + "]";
    }

    /** Reads one answer; runs while the response is open, which is closed (and its rest drained) afterwards. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ClassicHttpResponse response, HttpUriRequestBase request) throws IOException;
    }

    /**
     * Makes a call, repeating it with exponential back-off while that is safe: a read after a transport failure
     * or a "try again" status, any call whose connection could not even be opened. A 401 or a redirect is an
     * authentication failure.
     */
    private <T> T send(Call call, Reader<T> reader) {
        for (int attempt = 1;; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(call, null);
            }
            try {
                return sendOnce(call, reader);
            } catch (ZopeException e) {
                if (attempt >= attempts || !mayRepeat(call, e)) {
                    throw e;
                }
                long wait = Math.min(backoff.toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF_MILLIS);
                log.warn(e.getMessage() + "; trying again in " + wait + " ms (attempt " + (attempt + 1) + " of "
                        + attempts + ")");
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw cancelled(call, e);
                }
            }
        }
    }

    private <T> T sendOnce(Call call, Reader<T> reader) {
        HttpUriRequestBase request = call.newRequest(authorization);
        InterruptWatch.Watched watched = call.read ? watch.watch(request) : () -> { };
        try {
            return exchange(call, request, reader);
        } finally {
            watched.close();
        }
    }

    private <T> T exchange(Call call, HttpUriRequestBase request, Reader<T> reader) {
        long started = System.nanoTime();
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            int status = response.getCode();
            log.debug(String.format("Zope '%s': %s %s -> %d (%d ms)", getName(), call.method, call.url, status,
                    millisSince(started)));
            if (status == 401) {
                throw new ZopeException(ZopeException.Kind.AUTHENTICATION, status, getName(), call.object,
                        String.format("Zope '%s' (%s) refused the login of user '%s' (HTTP 401) when trying to %s;"
                                + " check the user name and password, and that the user may manage it", getName(),
                                base, server.getUsername(), call.action), null);
            }
            if (status >= 300 && status < 400) {
                throw redirected(call, response);
            }
            return reader.read(response, request);
        } catch (IOException e) {
            log.debug(String.format("Zope '%s': %s %s -> failed: %s (%d ms)", getName(), call.method, call.url, e,
                    millisSince(started)));
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(call, e);
            }
            throw new ZopeException(ZopeException.Kind.TRANSPORT, 0, getName(), call.object,
                    String.format("Zope '%s' (%s) could not %s: %s", getName(), base, call.action, describe(e)), e);
        }
    }

    private boolean mayRepeat(Call call, ZopeException e) {
        if (e.getKind() == ZopeException.Kind.TRANSPORT) {
            Throwable cause = e.getCause();
            if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException) {
                return false;
            }
            return call.read || cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof NoRouteToHostException;
        }
        return call.read && e.getKind() == ZopeException.Kind.SERVER && TRY_AGAIN_STATUSES.contains(e.getStatus());
    }

    private ZopeException redirected(Call call, ClassicHttpResponse response) {
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        String target = location == null ? "elsewhere" : cut(location.getValue(), 200);
        return new ZopeException(ZopeException.Kind.AUTHENTICATION, response.getCode(), getName(), call.object,
                String.format("Zope '%s' (%s) redirected the call to %s to %s (HTTP %d): most likely to a login"
                        + " form, so the login of user '%s' was refused or may not manage it", getName(), base,
                        call.action, target, response.getCode(), server.getUsername()), null);
    }

    /** The failure for an answer that is not the expected one, with Zope's own words from its error page. */
    private ZopeException failure(Call call, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        String body = readPage(response.getEntity());
        String detail;
        if (ZopeErrorPage.isBare(body)) {
            detail = status == 404 ? call.object + " (or its folder) does not exist"
                    : "Zope gave no detail (\"" + reasonPhrase(response) + "\"); the reason is in its event log"
                            + call.hint;
        } else {
            detail = ZopeErrorPage.messageOf(body);
        }
        ZopeException.Kind kind = status == 404 ? ZopeException.Kind.NOT_FOUND : ZopeException.Kind.SERVER;
        return new ZopeException(kind, status, getName(), call.object,
                failed(call, detail + " (HTTP " + status + ")"), null);
    }

    /** Checks the answer of a management call: 2xx with a normal page (Zope 2.13 sends some errors as 200). */
    private Void expectManagePage(Call call, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status < 200 || status >= 300) {
            throw failure(call, response);
        }
        String page = readPage(response.getEntity());
        if (ZopeErrorPage.isErrorPage(page)) {
            throw new ZopeException(ZopeException.Kind.SERVER, status, getName(), call.object,
                    failed(call, ZopeErrorPage.messageOf(page) + " (HTTP " + status + " with an error page)"), null);
        }
        return null;
    }

    private String failed(Call call, String detail) {
        return String.format("Zope '%s' could not %s: %s", getName(), call.action, detail);
    }

    private ExportedFile download(Call call, HttpUriRequestBase request, HttpEntity entity, Path file,
            LongConsumer progress) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        long started = System.nanoTime();
        try (OutputStream out = openForWriting(call, request, file); InputStream in = entity.getContent()) {
            byte[] buffer = new byte[COPY_BUFFER];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw cancelled(call, null);
                    }
                    write(call, file, out, buffer, n);
                    sha256.update(buffer, 0, n);
                    size += n;
                    progress.accept(size);
                }
            } catch (IOException | RuntimeException e) {
                // Closing a half-read body would first read the rest of it: drop the connection instead.
                request.cancel();
                throw e;
            }
        }
        log.debug(String.format("Zope '%s': exported %s, %d bytes in %d ms", getName(), call.object, size,
                millisSince(started)));
        return new ExportedFile(file, size, HexFormat.of().formatHex(sha256.digest()));
    }

    private void write(Call call, Path file, OutputStream out, byte[] buffer, int length) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new ZopeSyncException("Could not write the export of " + call.object + " from Zope '"
                    + getName() + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    private OutputStream openForWriting(Call call, HttpUriRequestBase request, Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            request.cancel();
            throw new ZopeSyncException("Could not create " + file + " for the export of " + call.object
                    + " from Zope '" + getName() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Zope answers the export of a missing object with a bare 500 (an AttributeError): ask whether the object
     * exists, and say so plainly if it does not.
     */
    private ZopeException explainMissingExport(ObjectPath path, ZopeException e) {
        if (e.getStatus() != 500 && e.getStatus() != 404) {
            return e;
        }
        try {
            if (exists(path)) {
                return e;
            }
        } catch (ZopeSyncException check) {
            e.addSuppressed(check);
            return e;
        }
        return new ZopeException(ZopeException.Kind.NOT_FOUND, e.getStatus(), getName(), path.toString(),
                String.format("Zope '%s' could not export %s: it does not exist (HTTP %d)", getName(), path,
                        e.getStatus()), e);
    }

    private void deletePartial(Path file, RuntimeException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private ZopeSyncException cancelled(Call call, Exception cause) {
        ZopeSyncException cancelled = new ZopeSyncException(String.format(
                "Cancelled: Zope '%s' was asked to %s when the work was interrupted", getName(), call.action),
                new InterruptedException("interrupted"));
        if (cause != null) {
            cancelled.addSuppressed(cause);
        }
        return cancelled;
    }

    private String describe(IOException e) {
        if (e instanceof SSLPeerUnverifiedException || e instanceof SSLHandshakeException
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("match")) {
            return "the TLS handshake failed (" + e.getMessage() + "): the server's certificate is not made out"
                    + " for host " + server.getUrl().getHost() + "; use the host name the certificate names";
        }
        if (e instanceof SSLHandshakeException) {
            return "the TLS handshake failed (" + e.getMessage() + "); if the server's certificate comes from a"
                    + " private CA, give that CA's certificate (PEM) in the environment";
        }
        if (e instanceof ConnectTimeoutException) {
            return "no connection within " + timeouts.getConnect().toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "the connection was refused (" + e.getMessage() + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within the read timeout of " + timeouts.getRead().toMillis() + " ms";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void checkBareFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..") || fileName.indexOf('/') >= 0
                || fileName.indexOf('\\') >= 0 || fileName.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("import file name must be a bare file name (no directory, no control"
                    + " characters): %s", ZopeIds.printable(fileName));
        }
    }

    private String url(ObjectPath path) {
        return base + path.toUrlPath();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isHtml(HttpEntity entity) {
        String type = entity == null ? null : entity.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    /** Reads a page, at most {@link #PAGE_LIMIT} bytes of it, in its declared charset (UTF-8 if none). */
    private static String readPage(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            ContentType type = ContentType.parse(entity.getContentType());
            if (type != null && type.getCharset() != null) {
                charset = type.getCharset();
            }
        } catch (RuntimeException e) {
            // An unknown or malformed charset: UTF-8 shows the message well enough.
        }
        try (InputStream in = entity.getContent()) {
            return new String(in.readNBytes(PAGE_LIMIT), charset);
        }
    }

    private static String reasonPhrase(ClassicHttpResponse response) {
        String reason = response.getReasonPhrase();
        return reason == null || reason.isBlank() ? "HTTP " + response.getCode() : reason;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** One call: what it is for (for messages), how to make it, and whether it only reads. */
    private static final class Call {
        private final String method;
        private final String action;
        private final String object;
        private final String url;
        private final boolean read;
        private final String depth;
        private final String form;
        private final String hint;
        private final String body;

        private Call(String method, String action, ObjectPath object, String url, boolean read, String depth,
                String form, String hint) {
            this(method, action, object, url, read, depth, form, hint, PROPFIND_BODY);
        }

        private Call(String method, String action, ObjectPath object, String url, boolean read, String depth,
                String form, String hint, String body) {
            this.method = method;
            this.action = action;
            this.object = object.toString();
            this.url = url;
            this.read = read;
            this.depth = depth;
            this.form = form;
            this.hint = hint;
            this.body = body;
        }

        static Call propfind(String action, ObjectPath object, String url, int depth) {
            return new Call("PROPFIND", action, object, url, true, Integer.toString(depth), null, "");
        }

        static Call propfind(String action, ObjectPath object, String url, String depth, String body) {
            return new Call("PROPFIND", action, object, url, true, depth, null, "", body);
        }

        static Call export(String action, ObjectPath object, String url) {
            return new Call("GET", action, object, url, true, null, null, "");
        }

        /** A GET that only reads a page. */
        static Call get(String action, ObjectPath object, String url) {
            return new Call("GET", action, object, url, true, null, null, "");
        }

        /** A management call that changes the server; the arguments go in a form body. */
        static Call write(String action, ObjectPath object, String url, String form, String hint) {
            return new Call("POST", action, object, url, false, null, form, hint);
        }

        HttpUriRequestBase newRequest(String authorization) {
            HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
            request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            if (depth != null) {
                request.setHeader("Depth", depth);
                request.setEntity(new StringEntity(body, XML));
            }
            if (form != null) {
                request.setEntity(new StringEntity(form, FORM));
            }
            return request;
        }
    }
}
