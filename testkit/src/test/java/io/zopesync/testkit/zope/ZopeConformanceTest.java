package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same calls against the double and a real Zope 5.13, compared on everything the engine relies on: status
 * codes, the headers it reads (names compared case-insensitively), the text of error pages, the management page a
 * successful change answers with, {@code PROPFIND} bodies (dates masked), export bodies' structure, and what a
 * call did to the tree. Both servers get the same content through the same HTTP calls, then the same sequence of
 * cases; each case's differences are collected and reported together.
 */
@Timeout(300)
class ZopeConformanceTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret";
    private static final List<String> HEADERS = List.of("Content-Type", "Content-Disposition", "Content-Location",
            "Location", "WWW-Authenticate", "Connection");
    private static final Pattern DATE = Pattern.compile(
            "(<n:(?:creationdate|getlastmodified)>)[^<]*(</n:)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

    @TempDir
    static Path temp;
    private static RealZope real;
    private static ZopeDouble twin;

    /** One server under test: how to reach it, and where its import directory is. */
    private static final class Server {
        final String name;
        final String url;
        final Path importDir;
        final ZopeHttp http;

        Server(String name, String url, Path importDir) {
            this.name = name;
            this.url = url;
            this.importDir = importDir;
            this.http = new ZopeHttp(url, USER, PASSWORD);
        }
    }

    /** What the engine can see of one answer, normalised so that the two servers can be compared. */
    private static Map<String, String> seen(Server server, HttpResponse<byte[]> response) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("status", Integer.toString(response.statusCode()));
        for (String header : HEADERS) {
            response.headers().firstValue(header)
                    .ifPresent(value -> seen.put(header.toLowerCase(), value.replace(server.url, "BASE")));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = new String(response.body(), StandardCharsets.UTF_8).replace(server.url, "BASE");
        if (type.startsWith("application/data")) {
            seen.put("body", zexpStructure(response.body()));
        } else if (type.startsWith("text/xml")) {
            seen.put("body", DATE.matcher(body).replaceAll("$1DATE$2"));
        } else if (body.contains("Site Error") || type.startsWith("text/plain")) {
            seen.put("body", text(body));
        } else if (type.startsWith("text/html")) {
            Matcher title = TITLE.matcher(body);
            seen.put("title", title.find() ? title.group(1).strip() : "");
            seen.put("error page", Boolean.toString(body.contains("Site Error")));
            seen.put("says successfully", Boolean.toString(body.contains("successfully")));
            seen.put("move buttons", Boolean.toString(body.contains("manage_move_objects_up:method")));
        } else {
            seen.put("body", body);
        }
        return seen;
    }

    private static String zexpStructure(byte[] body) {
        boolean magic = body.length >= 20 && new String(body, 0, 4, StandardCharsets.US_ASCII).equals("ZEXP");
        boolean end = true;
        for (int i = body.length - 16; i < body.length && i >= 0; i++) {
            end &= body[i] == (byte) 0xFF;
        }
        return "zexp magic " + magic + ", end marker " + end;
    }

    private static String text(String html) {
        return SPACE.matcher(TAG.matcher(html).replaceAll(" ")).replaceAll(" ").strip();
    }

    @BeforeAll
    static void startBoth() throws IOException {
        Assumptions.assumeTrue(RealZope.isAvailable(), RealZope.unavailableReason());
        real = RealZope.start(temp.resolve("real"), USER, PASSWORD);
        Path home = Files.createDirectories(temp.resolve("double"));
        Files.createDirectories(home.resolve("import"));
        twin = ZopeDouble.builder().user(USER).password(PASSWORD).instanceHome(home).build().start();
    }

    @AfterAll
    static void stopBoth() {
        if (twin != null) {
            twin.close();
        }
        if (real != null) {
            real.close();
        }
    }

    private static List<Server> servers() {
        return List.of(new Server("real Zope", real.getUrl(), real.getImportDir()),
                new Server("double", twin.getUrl(), twin.getInstanceHome().resolve("import")));
    }

    /** A case: a name and the call to make. */
    private record Case(String name, Function<Server, HttpResponse<byte[]>> call) {
    }

    private static Case get(String path) {
        return new Case("GET " + path, s -> s.http.get(path));
    }

    private static Case post(String path, String form) {
        return new Case("POST " + path + " " + form, s -> s.http.post(path, form));
    }

    private static Case propfind(String path, String depth, boolean engineBody) {
        return new Case("PROPFIND " + path + " Depth " + depth + (engineBody ? " (resourcetype)" : " (allprop)"),
                s -> {
                    HttpRequest.Builder request = s.http.request(path).header("Depth", depth);
                    if (engineBody) {
                        request.header("Content-Type", "text/xml; charset=utf-8").method("PROPFIND",
                                HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                        + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop>"
                                        + "</D:propfind>"));
                    } else {
                        request.method("PROPFIND", HttpRequest.BodyPublishers.noBody());
                    }
                    return s.http.send(request);
                });
    }

    private static Case copyToImport(String sample, String name) {
        return new Case("copy " + sample + " to the import directory as " + name, s -> {
            try (InputStream in = ZopeConformanceTest.class.getResourceAsStream("/zexp/" + sample)) {
                Files.write(s.importDir.resolve(name), in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    private static List<Case> setUp() {
        return List.of(
                post("/manage_addProduct/OFSP/manage_addFolder", "id=src&title=Source"),
                post("/src/manage_addProduct/OFSP/manage_addDTMLDocument", "id=doc&title=A+document"),
                post("/manage_addProduct/OFSP/manage_addFolder", "id=dest"),
                post("/manage_addProduct/OFSP/manage_addOrderedFolder", "id=of"),
                post("/of/manage_addProduct/OFSP/manage_addDTMLDocument", "id=a"),
                post("/of/manage_addProduct/OFSP/manage_addDTMLDocument", "id=b"),
                post("/of/manage_addProduct/OFSP/manage_addDTMLDocument", "id=c"),
                post("/of/manage_addProduct/OFSP/manage_addDTMLDocument", "id=d"),
                post("/of/manage_addProduct/OFSP/manage_addFolder", "id=pf"),
                copyToImport("sub-folder.zexp", "zope-sync-1.zexp"),
                copyToImport("sub-folder.zexp", "zope-sync-3.zexp"),
                copyToImport("file-hello.txt.zexp", "zope-sync-2.zexp"));
    }

    private static List<Case> cases() {
        return List.of(
                propfind("/", "0", true),
                propfind("/src", "0", true),
                propfind("/src/", "1", true),
                propfind("/src/", "1", false),
                propfind("/src/doc", "0", true),
                propfind("/nope", "0", true),
                propfind("/src/dest", "0", true),
                new Case("PROPFIND / with a wrong password", s -> new ZopeHttp(s.url, USER, "wrong")
                        .propfind("/", "0")),
                new Case("POST manage_delObjects without credentials", s -> new ZopeHttp(s.url, null, null)
                        .post("/src/manage_delObjects", "ids=doc")),
                get("/src"),
                get("/src/objectIds"),
                post("/src/nope/manage_delObjects", "ids=doc"),
                get("/src/manage_exportObject?id=doc&download:int=1"),
                get("/src/manage_exportObject?id=nope&download:int=1"),
                post("/dest/manage_importObject", "file=zope-sync-1.zexp"),
                post("/dest/manage_importObject", "file=zope-sync-1.zexp"),
                post("/dest/manage_importObject", "file=nope.zexp"),
                post("/dest/manage_importObject", "file=../zope-sync-1.zexp"),
                post("/dest/manage_importObject", "set_owner:int=0"),
                post("/dest/sub/inner/manage_importObject", "file=zope-sync-2.zexp"),
                propfind("/dest/sub/", "1", true),
                propfind("/dest/sub/hello.txt", "0", false),
                post("/dest/manage_renameObject", "id=sub&new_id=sub2"),
                post("/dest/manage_renameObject", "id=sub2&new_id=sub2"),
                post("/dest/manage_renameObject", "id=nope&new_id=other"),
                post("/dest/manage_renameObject", "id=sub2"),
                post("/dest/manage_delObjects", "ids=nope"),
                post("/dest/manage_delObjects", ""),
                post("/dest/manage_delObjects", "ids:list=sub2"),
                propfind("/dest/", "1", true),
                get("/of/manage_main"),
                get("/src/manage_main"),
                post("/of/manage_renameObject", "id=b&new_id=b.bak"),
                propfind("/of/", "1", true),
                post("/of/manage_importObject", "file=zope-sync-3.zexp"),
                propfind("/of/", "1", true),
                post("/of/manage_move_objects_up", "ids:list=sub&delta:int=4"),
                propfind("/of/", "1", true),
                post("/of/manage_move_objects_up", "ids:list=nope&delta:int=1"),
                post("/of/pf/manage_move_objects_up", "ids:list=d&delta:int=1"),
                propfind("/of/", "1", true),
                post("/of/manage_move_objects_down", "ids:list=a&ids:list=sub&delta:int=2"),
                propfind("/of/", "1", true),
                post("/of/manage_move_objects_to_bottom", "ids:list=c"),
                post("/of/manage_move_objects_to_top", "ids:list=pf"),
                propfind("/of/", "1", true),
                post("/of/manage_renameObject", "id=sub&new_id=sub2"),
                propfind("/of/", "1", true),
                post("/src/manage_move_objects_up", "ids:list=doc&delta:int=1"));
    }

    @Test
    void shouldAnswerAsRealZopeDoes() {
        List<String> differences = new ArrayList<>();
        for (Case step : setUp()) {
            for (Server server : servers()) {
                HttpResponse<byte[]> response = step.call.apply(server);
                if (response != null) {
                    assertThat(response.statusCode()).as(step.name + " on " + server.name).isLessThan(400);
                }
            }
        }
        for (Case step : cases()) {
            List<Map<String, String>> answers = new ArrayList<>();
            for (Server server : servers()) {
                answers.add(seen(server, step.call.apply(server)));
            }
            if (!answers.get(0).equals(answers.get(1))) {
                differences.add(step.name + ":\n  real:   " + answers.get(0) + "\n  double: " + answers.get(1));
            }
        }

        assertThat(differences).as("where the double answers otherwise than real Zope").isEmpty();
    }
}
