package io.zopesync.testkit.zope;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ZopeDouble} with a small demo tree until killed, so any HTTP client can be pointed at it:
 *
 * <pre>
 * java -cp testkit.jar io.zopesync.testkit.zope.ZopeDoubleMain --port 8080 --home /tmp/zope --user adm \
 *     --password secret [--flavour ZOPE_2_13]
 * curl -u adm:secret 'http://127.0.0.1:8080/manage_exportObject?id=src&amp;download:int=1' -o src.zexp
 * </pre>
 *
 * The demo tree is {@code /src} (a DTML document, a file, an image and a folder {@code sub}) and {@code /other}.
 * The import directory {@code <home>/import} is created so files can be dropped there.
 */
public final class ZopeDoubleMain {
    private static final byte[] PIXEL_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private static final String USAGE = "usage: ZopeDoubleMain [--port 8080] --home DIR --user NAME "
            + "--password SECRET [--flavour ZOPE_5|ZOPE_2_13]";

    private ZopeDoubleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ZopeDouble zope;
        try {
            zope = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(zope::close));
        new CountDownLatch(1).await();
    }

    /**
     * Parses the options, seeds the demo tree, starts the double and prints its URL.
     *
     * @throws IllegalArgumentException for a missing or unknown option, naming it
     */
    static ZopeDouble start(String[] args, PrintStream out) {
        int port = 8080;
        Path home = null;
        String user = null;
        String password = null;
        ZopeFlavour flavour = ZopeFlavour.ZOPE_5;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(required(args[i], value));
                    break;
                case "--home":
                    home = Path.of(required(args[i], value));
                    break;
                case "--user":
                    user = required(args[i], value);
                    break;
                case "--password":
                    password = required(args[i], value);
                    break;
                case "--flavour":
                    flavour = ZopeFlavour.valueOf(required(args[i], value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (home == null || user == null || password == null) {
            throw new IllegalArgumentException("--home, --user and --password are required");
        }
        try {
            Files.createDirectories(home.resolve("import"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.resolve("import"), e);
        }
        ZopeDouble zope = ZopeDouble.builder().user(user).password(password).instanceHome(home).flavour(flavour)
                .port(port).build();
        seedDemoTree(zope);
        zope.start();
        out.println("Zope double (" + flavour + ") listening on " + zope.getUrl() + ", import directory "
                + zope.getImportDirectory());
        out.flush();
        return zope;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** The tree of the Zope 5 samples: /src with a document, files, an image and sub-folders, and /other. */
    static void seedDemoTree(ZopeDouble zope) {
        zope.addFolder("/src", "Source folder")
                .addFolder("/src/sub")
                .addDocument("/src/sub/inner", "inner text")
                .addDocument("/src/doc1", "<p>hello dtml</p>")
                .setTitle("/src/doc1", "Doc one")
                .addFile("/src/hello.txt", "hello zope file\n".getBytes(StandardCharsets.UTF_8), "text/plain")
                .setTitle("/src/hello.txt", "Hello")
                .addImage("/src/pixel.png", PIXEL_PNG, "image/png")
                .addFile("/src/my file", new byte[0], "text/x-unknown-content-type")
                .addFolder("/src/v1.0")
                .addFolder("/other");
    }
}
