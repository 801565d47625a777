package io.zopesync.core.sync;

import static io.zopesync.core.sync.FaultWorld.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zopesync.core.ZopeSync;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.result.SyncResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/*.txt}): every malformed value is refused with a
 * message naming it, before anything is contacted. The proof: a live source, a live target and a live SSH server
 * stand ready for every case, and after each one none of them has seen a single call or session.
 */
class BadInputCorpusTest {
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})|<repeat:(.):(\\d+)>");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static FaultWorld world;

    @BeforeAll
    static void start() {
        world = new FaultWorld(tmp.resolve("world"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @AfterEach
    void nothingWasContacted() {
        assertThat(world.dev.calls()).as("calls to the source").isEmpty();
        assertThat(world.prod.calls()).as("calls to the target").isEmpty();
        assertThat(world.ssh.getSessionsOpened()).as("SSH sessions").isZero();
        world.assertNoSecretIn(null);
    }

    /** The corpus file's cases: tab-separated columns, comments and blank lines skipped, escapes decoded. */
    static Stream<Arguments> corpus(String name) {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Object[] columns = Arrays.stream(line.split("\t", -1)).map(BadInputCorpusTest::decode).toArray();
                cases.add(Arguments.of(columns.length > 2 ? columns : Arrays.copyOf(columns, 3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    private static String decode(String text) {
        if (text.equals("<empty>")) {
            return "";
        }
        Matcher matcher = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) != null
                    ? String.valueOf((char) Integer.parseInt(matcher.group(1), 16))
                    : matcher.group(2).repeat(Integer.parseInt(matcher.group(3)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static Stream<Arguments> objectPaths() {
        return corpus("object-paths.txt");
    }

    static Stream<Arguments> targetFolders() {
        return corpus("target-folders.txt");
    }

    static Stream<Arguments> urls() {
        return corpus("urls.txt");
    }

    static Stream<Arguments> importDirs() {
        return corpus("import-dirs.txt");
    }

    static Stream<Arguments> manifests() {
        return corpus("manifests.txt");
    }

    static Stream<Arguments> zexpFiles() {
        return corpus("zexp.txt");
    }

    /** Checks that building and running the request failed on validation, naming the bad value. */
    private static void assertRefused(Runnable run, String value, String expected, String noEcho) {
        Throwable thrown = catchThrowable(run::run);

        assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessageContaining(expected);
        if (noEcho == null) {
            String shown = ZopeIds.printable(value);
            assertThat(thrown.getMessage()).contains(shown.substring(1, Math.min(shown.length() - 1, 60)));
        }
    }

    @ParameterizedTest(name = "object path {0}")
    @MethodSource("objectPaths")
    void shouldRefuseABadObjectPath(String value, String expected, String noEcho) {
        assertRefused(() -> world.sync(new ZopeSync(), world.request("b", fast()).object(ObjectSpec.of(value))
                .target(world.prod()).build()), value, expected, noEcho);
    }

    @ParameterizedTest(name = "target folder {0}")
    @MethodSource("targetFolders")
    void shouldRefuseABadTargetFolder(String value, String expected, String noEcho) {
        assertRefused(() -> world.sync(new ZopeSync(), world.request("b", fast())
                .object(ObjectSpec.of("/site/index.html", value)).target(world.prod()).build()), value, expected,
                noEcho);
    }

    @ParameterizedTest(name = "URL {0}")
    @MethodSource("urls")
    void shouldRefuseABadUrl(String value, String expected, String noEcho) {
        assertRefused(() -> world.sync(new ZopeSync(), world.request("b", fast())
                .target(world.environment("prod", value, world.password, UnaryOperator.identity())).build()),
                value, expected, noEcho);
    }

    @ParameterizedTest(name = "import directory {0}")
    @MethodSource("importDirs")
    void shouldRefuseABadImportDirectory(String value, String expected, String noEcho) {
        assertRefused(() -> world.sync(new ZopeSync(), world.request("b", fast())
                .target(world.prod(ssh -> ssh.importDir(value))).build()), value, expected, noEcho);
    }

    /** A valid bundle of one object, {@code /myfolder/sub} (the sub-folder sample), to spoil. */
    private static Path bundle(byte[] zexp) throws IOException {
        Path dir = tmp.resolve("bundle-" + UUID.randomUUID());
        Path file = dir.resolve("objects/001-sub.zexp");
        Files.createDirectories(file.getParent());
        Files.write(file, zexp);
        Bundle.writeManifest(dir, new Manifest(Manifest.FORMAT_VERSION, "dev", "http://127.0.0.1:1",
                "2026-11-25T10:00:00Z", "20261125-100000-abcd", List.of(new ManifestEntry("/myfolder/sub",
                        "/myfolder", "sub", "OFS.Folder.Folder", "objects/001-sub.zexp", zexp.length,
                        Bundle.sha256(file)))));
        return dir;
    }

    private static SyncResult promote(Path bundle) {
        return new ZopeSync().push(PushRequest.of(PushRequest.Mode.PROMOTE, bundle, List.of(world.prod()), fast(),
                "alice@build1"), world.listener);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("manifests")
    void shouldRefuseATamperedManifest(String action, String argument, String expected) throws IOException {
        Path bundle = bundle(FaultWorld.sample("sub-folder.zexp"));
        Path manifest = bundle.resolve(Bundle.MANIFEST);
        switch (action) {
            case "set":
                ObjectNode root = (ObjectNode) JSON.readTree(manifest.toFile());
                String[] assignment = argument.split("=", 2);
                set(root, assignment[0].split("\\."), JSON.readTree(assignment[1]));
                JSON.writeValue(manifest.toFile(), root);
                break;
            case "raw":
                Files.writeString(manifest, argument);
                break;
            case "remove-file":
                Files.delete(bundle.resolve(argument));
                break;
            case "symlink":
                Path link = bundle.resolve(argument);
                Files.createSymbolicLink(link, Files.move(link, bundle.resolveSibling(bundle.getFileName() + "-"
                        + link.getFileName())));
                break;
            case "extra-file":
                Files.write(bundle.resolve(argument), FaultWorld.sample("sub-folder.zexp"));
                break;
            default:
                throw new IllegalArgumentException("unknown action in manifests.txt: " + action);
        }

        SyncResult result = promote(bundle);

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.problems()).as(result.toJson()).singleElement().asString().contains(expected);
        assertThat(result.targets()).isEmpty();
    }

    private static void set(JsonNode node, String[] path, JsonNode value) {
        JsonNode parent = node;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(path[i])) : parent.get(path[i]);
        }
        String last = path[path.length - 1];
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("zexpFiles")
    void shouldRefuseABadZexpFileEvenWithAMatchingManifest(String sample, String expected, String unused)
            throws IOException {
        byte[] bytes;
        switch (sample) {
            case "":
                bytes = new byte[0];
                break;
            case "<end-marker-only>":
                bytes = ByteBuffer.allocate(20).put("ZEXP".getBytes(StandardCharsets.US_ASCII))
                        .put(filled(16, (byte) 0xFF)).array();
                break;
            case "<huge-length>":
                bytes = ByteBuffer.allocate(40).put("ZEXP".getBytes(StandardCharsets.US_ASCII)).putLong(0)
                        .putLong(Long.MAX_VALUE).put(filled(20, (byte) 'x')).array();
                break;
            default:
                bytes = FaultWorld.sample(sample);
        }

        SyncResult result = promote(bundle(bytes));

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.problems()).as(result.toJson()).singleElement().asString().contains(expected);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
