package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad task files: each gives exit code 2 and one precise error naming the file, the line and the key, and
 * nothing is contacted (every URL and SSH port points at a {@link ConnectionTrap}).
 */
class TaskFileErrorsTest {
    @TempDir
    Path dir;

    private ConnectionTrap trap;

    @BeforeEach
    void openTrap() throws Exception {
        trap = new ConnectionTrap();
    }

    @AfterEach
    void closeTrap() throws Exception {
        trap.close();
    }

    static Stream<Arguments> badTaskFiles() {
        return Stream.of(
                bad("inline password", "    passwordEnv: ZOPE_DEV_PASSWORD", "    password: adm42",
                        5, "environments.dev.password", "secrets are never written into a task file"),
                bad("unknown top-level key", "targets: [test]", "target: [test]",
                        18, "target", "unknown key 'target'"),
                bad("unknown environment key", "    username: adm", "    usename: adm",
                        4, "environments.dev.usename", "unknown key 'usename'"),
                bad("URL with another scheme", "    url: http://127.0.0.1:PORT", "    url: ftp://127.0.0.1:PORT",
                        3, "environments.dev.url", "must start with http:// or https://"),
                bad("URL with user info", "    url: http://localhost:PORT/test",
                        "    url: http://adm:hunter2@localhost:PORT/test",
                        7, "environments.test.url", "must not contain a user name or password"),
                bad("source names no environment", "source: dev", "source: devel",
                        17, "source", "no environment named 'devel'"),
                bad("target names no environment", "targets: [test]", "targets: [test, prod]",
                        18, "targets[1]", "no environment named 'prod'"),
                bad("target is the source", "targets: [test]", "targets: [dev]",
                        18, "targets[0]", "target 'dev' is the source itself"),
                bad("relative object path", "  - /ourfolder/obj2", "  - ourfolder/obj2",
                        22, "objects[1]", "object path must be absolute"),
                bad("object id Zope refuses", "  - /ourfolder/obj2", "  - /ourfolder/_obj2",
                        22, "objects[1]", "starting with '_'"),
                bad("relative target folder", "    target: /yourfolder", "    target: yourfolder",
                        21, "objects[0].target", "target folder must be absolute"),
                bad("unknown object key", "    target: /yourfolder", "    folder: /yourfolder",
                        21, "objects[0].folder", "unknown key 'folder'"),
                bad("object given twice", "  - /ourfolder/obj2", "  - /myfolder/obj1",
                        22, "objects[1]", "object '/myfolder/obj1' is given twice"),
                bad("SSH port out of range", "      port: PORT", "      port: 70000",
                        12, "environments.test.ssh.port", "must be 1 to 65535: 70000"),
                bad("SSH port not a number", "      port: PORT", "      port: twenty-two",
                        12, "environments.test.ssh.port", "must be a whole number: twenty-two"),
                bad("SSH user with a colon", "      user: deploy", "      user: 'de:ploy'",
                        13, "environments.test.ssh.user", "is not a user name"),
                bad("relative import directory", "      importDir: /srv/zope/import", "      importDir: import",
                        15, "environments.test.ssh.importDir", "must be an absolute path: 'import'"),
                bad("import directory with ..", "      importDir: /srv/zope/import",
                        "      importDir: /srv/zope/../etc", 15, "environments.test.ssh.importDir",
                        "must not contain '..'"),
                bad("host key that is neither key nor fingerprint",
                        "      hostKey: \"" + TaskFiles.FINGERPRINT + "\"", "      hostKey: trust-me",
                        16, "environments.test.ssh.hostKey", "host key must be a public key"),
                bad("host key and known_hosts both", "      importDir: /srv/zope/import",
                        "      importDir: /srv/zope/import\n      knownHosts: ~/.ssh/known_hosts",
                        17, "environments.test.ssh.hostKey", "not both"),
                bad("inline passphrase", "      user: deploy", "      user: deploy\n      passphrase: s3cr3t-phrase",
                        14, "environments.test.ssh.passphrase", "give 'passphraseEnv'"),
                bad("unknown transfer protocol", "      user: deploy", "      user: deploy\n      protocol: ftp",
                        14, "environments.test.ssh.protocol", "must be sftp or scp: ftp"),
                bad("unknown onExisting", "  onExisting: replace", "  onExisting: overwrite",
                        24, "options.onExisting", "must be replace, skip or fail: 'overwrite'"),
                bad("duration without a number", "  timeout: 1s", "  timeout: two minutes",
                        25, "options.timeout", "must be a duration such as 500ms, 60s, 5m or 1h"),
                bad("parallelism out of range", "  retries: 1", "  retries: 1\n  parallel: 0",
                        28, "options.parallel", "parallelism must be 1 to 64: 0"),
                bad("boolean that is not", "  retries: 1", "  retries: 1\n  keepBackups: maybe",
                        28, "options.keepBackups", "must be true or false: maybe"),
                bad("key given twice", "    username: Administrator1",
                        "    username: Administrator1\n    username: root",
                        9, "environments.test.username", "the key is given twice (first on line 8)"),
                bad("password given twice over", "    passwordEnv: ZOPE_TEST_PASSWORD",
                        "    passwordEnv: ZOPE_TEST_PASSWORD\n    passwordFile: /run/secrets/zope",
                        10, "environments.test.passwordFile", "not both"),
                bad("bad environment variable name", "    passwordEnv: ZOPE_DEV_PASSWORD",
                        "    passwordEnv: $ZOPE_DEV_PASSWORD", 5, "environments.dev.passwordEnv",
                        "must be the name of an environment variable"),
                bad("missing url", "    url: http://127.0.0.1:PORT\n", "",
                        2, "environments.dev", "'url' is missing"),
                bad("bad environment name", "  test:", "  'te st':",
                        6, "environments.te st", "environment name must be"),
                bad("target without SSH settings", "source: dev\ntargets: [test]",
                        "  other:\n    url: http://127.0.0.1:PORT/other\n    username: adm\n"
                                + "    passwordEnv: ZOPE_DEV_PASSWORD\nsource: dev\ntargets: [test, other]",
                        22, "targets[1]", "target 'other' has no 'ssh' settings"));
    }

    @Test
    void shouldReachTheTrapWithTheValidFile() throws Exception {
        Path task = TaskFiles.write(dir, TaskFiles.BASE, trap.getPort());

        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(TaskFiles.ENV), "sync", "--dry-run",
                task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(trap.connections()).as("connections made").isPositive();
    }

    private static Arguments bad(String name, String from, String to, int line, String key, String message) {
        return Arguments.of(name, from, to, line, key, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTaskFiles")
    void shouldNameFileLineAndKeyAndContactNothing(String name, String from, String to, int line, String key,
            String message) throws Exception {
        assertThat(TaskFiles.BASE).contains(from);
        Path task = TaskFiles.write(dir, TaskFiles.BASE.replace(from, to), trap.getPort());

        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(TaskFiles.ENV), "sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).as(run.toString()).startsWith("error: " + task + ":" + line + ": " + key + ": ")
                .contains(message);
        assertThat(run.err.lines()).as(run.toString()).hasSize(1);
        assertThat(run.err).doesNotContain("hunter2", "adm42", "dev-secret-1", "test-secret-2", "s3cr3t");
        assertThat(trap.connections()).as("connections made").isZero();
    }
}
