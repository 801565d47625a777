package io.jenkins.plugins.zopesync.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the plugin's sources and views are, seen from the module's directory (surefire runs tests there). */
final class PluginFiles {
    static final Path SOURCES = Path.of("src/main/java");
    static final Path RESOURCES = Path.of("src/main/resources");
    static final Path VIEWS = RESOURCES.resolve("io/jenkins/plugins/zopesync");
    static final String PACKAGE = "io.jenkins.plugins.zopesync";

    private PluginFiles() {}

    /** Every file under a directory whose name ends with the suffix, sorted. */
    static List<Path> find(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
