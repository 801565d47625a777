package io.zopesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A valid task file to start from, and a way to write variants of it. */
final class TaskFiles {
    /** A well-formed SSH private key as far as text checks go; no server ever sees it. */
    static final String KEY_TEXT = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";
    static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    /**
     * The base task file; line numbers matter to the tests. {@code PORT} and {@code KEYFILE} are replaced by
     * {@link #write}.
     */
    static final String BASE = String.join("\n",
            "environments:",                              // 1
            "  dev:",                                     // 2
            "    url: http://127.0.0.1:PORT",             // 3
            "    username: adm",                          // 4
            "    passwordEnv: ZOPE_DEV_PASSWORD",         // 5
            "  test:",                                    // 6
            "    url: http://localhost:PORT/test",        // 7
            "    username: Administrator1",               // 8
            "    passwordEnv: ZOPE_TEST_PASSWORD",        // 9
            "    ssh:",                                   // 10
            "      host: 127.0.0.1",                      // 11
            "      port: PORT",                           // 12
            "      user: deploy",                         // 13
            "      keyFile: KEYFILE",                     // 14
            "      importDir: /srv/zope/import",          // 15
            "      hostKey: \"" + FINGERPRINT + "\"",     // 16
            "source: dev",                                // 17
            "targets: [test]",                            // 18
            "objects:",                                   // 19
            "  - path: /myfolder/obj1",                   // 20
            "    target: /yourfolder",                    // 21
            "  - /ourfolder/obj2",                        // 22
            "options:",                                   // 23
            "  onExisting: replace",                      // 24
            "  timeout: 1s",                              // 25
            "  connectTimeout: 1s",                       // 26
            "  retries: 1",                               // 27
            "") ;

    /** Both passwords set. */
    static final Map<String, String> ENV = Map.of("ZOPE_DEV_PASSWORD", "dev-secret-1",
            "ZOPE_TEST_PASSWORD", "test-secret-2");

    private TaskFiles() {
    }

    /** Writes {@code text} as {@code task.yaml} in {@code dir}, with a key file beside it. */
    static Path write(Path dir, String text, int port) throws IOException {
        Path key = dir.resolve("id_test");
        Files.writeString(key, KEY_TEXT);
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, text.replace("PORT", Integer.toString(port)).replace("KEYFILE", key.toString()));
        return task;
    }
}
