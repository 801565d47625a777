package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZupdateConverterTest {
    private static final Path FILE = Path.of("zupdate.py");

    /** The task description from zupdate.py's announcement. */
    static String sample() throws IOException {
        try (InputStream in = ZupdateConverterTest.class.getResourceAsStream("zupdate-sample.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String SSH_COMMENTS = "      # not in zupdate.py: the private key that logs in as %s\n"
            + "      keyFile: ~/.ssh/id_ed25519\n"
            + "      # not in zupdate.py: host keys are checked against this file (or pin one: hostKey:"
            + " \"SHA256:...\")\n"
            + "      knownHosts: ~/.ssh/known_hosts\n";

    @Test
    void shouldConvertTheAnnouncementSample() throws IOException {
        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(sample(), FILE);

        assertThat(conversion.yaml()).isEqualTo(""
                + "# zope-sync task file, converted from the zupdate.py task description in zupdate.py\n"
                + "# Passwords are not in this file: set the environment variables named by passwordEnv.\n"
                + "environments:\n"
                + "  source:\n"
                + "    url: http://localhost:8080\n"
                + "    username: adm\n"
                + "    passwordEnv: ZOPE_SOURCE_PASSWORD\n"
                + "  test1:\n"
                + "    url: http://test1.zopecentral.org:8080\n"
                + "    username: Administrator1\n"
                + "    passwordEnv: ZOPE_TEST1_PASSWORD\n"
                + "    ssh:\n"
                + "      host: test1.zopecentral.org\n"
                + "      port: 22\n"
                + "      user: testuser\n"
                + String.format(SSH_COMMENTS, "testuser")
                + "      importDir: /ZOPE/Zope-2.3.1b2-linux2-x86/import\n"
                + "  www:\n"
                + "    url: http://www.zopecentral.org:80\n"
                + "    username: Almighty\n"
                + "    passwordEnv: ZOPE_WWW_PASSWORD\n"
                + "    ssh:\n"
                + "      host: www.zopecentral.org\n"
                + "      port: 22\n"
                + "      user: zopeuser\n"
                + String.format(SSH_COMMENTS, "zopeuser")
                + "      importDir: /ZOPE/Zope-2.3.1b2-linux2-x86/import\n"
                + "source: source\n"
                + "targets:\n"
                + "  - test1\n"
                + "  - www\n"
                + "objects:\n"
                + "  - path: /myfolder/obj1\n"
                + "    target: /yourfolder\n"
                + "  - /ourfolder/obj2\n");
    }

    @Test
    void shouldNeverCopyPasswordsButWarnAboutEach() throws IOException {
        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(sample(), FILE);

        assertThat(conversion.yaml()).doesNotContain("adm42", "Secret", "TopSecret", "password:");
        assertThat(conversion.warnings()).hasSize(4);
        assertThat(conversion.warnings().get(0)).contains("LZOPE (line 2)", "ZOPE_SOURCE_PASSWORD");
        assertThat(conversion.warnings().get(1)).contains("RZOPE (line 10)", "ZOPE_TEST1_PASSWORD");
        assertThat(conversion.warnings().get(2)).contains("RZOPE (line 13)", "ZOPE_WWW_PASSWORD");
        assertThat(conversion.warnings().get(3)).contains("keyFile", "knownHosts");
        assertThat(String.join("\n", conversion.warnings())).doesNotContain("adm42", "Secret");
    }

    @Test
    void shouldReadTheConvertedFileAsATaskFile() throws IOException {
        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(sample(), FILE);

        TaskFile task = TaskFile.parse(new StringReader(conversion.yaml()), Path.of("task.yaml"));

        assertThat(task.getEnvironmentNames()).containsExactly("source", "test1", "www");
        assertThat(task.getSource()).isEqualTo("source");
        assertThat(task.getTargets()).containsExactly("test1", "www");
        assertThat(task.getObjects()).extracting(Object::toString)
                .containsExactly("/myfolder/obj1 -> /yourfolder", "/ourfolder/obj2");
    }

    @Test
    void shouldAcceptOneRemoteTupleHttpsAndMissingSshUser() {
        String python = "LZOPE = 'localhost:8080', ('adm', 'x')\n"
                + "RZOPE = ('zope.example.org:443', ('admin', \"y\"), 'zope.example.org:/srv/zope/')\n"
                + "OBJS = '/site/page'\n";

        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(python, FILE);

        assertThat(conversion.yaml()).contains("  zope:\n    url: https://zope.example.org\n",
                "      user: " + System.getProperty("user.name") + "\n", "      importDir: /srv/zope/import\n",
                "objects:\n  - /site/page\n");
        assertThat(conversion.warnings()).anyMatch(w -> w.contains("no SSH user"));
    }

    @Test
    void shouldNameRemotesUniquelyByTheirHostsFirstLabel() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\n"
                + "RZOPE = [('www.a.org:80', ('u', 'p'), 'u@www.a.org:/z'),\n"
                + "         ('www.b.org:80', ('u', 'p'), 'u@www.b.org:/z'),\n"
                + "         ('source.c.org:80', ('u', 'p'), 'u@source.c.org:/z')]\n"
                + "OBJS = ['/a']\n";

        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(python, FILE);

        assertThat(conversion.yaml()).contains("targets:\n  - www\n  - www-2\n  - source-2\n",
                "passwordEnv: ZOPE_WWW_2_PASSWORD", "passwordEnv: ZOPE_SOURCE_2_PASSWORD");
    }

    @Test
    void shouldReadTheDescriptionOutOfAWholeScript() {
        String python = "#!/usr/bin/env python\n"
                + "\"\"\"zupdate.py -- update objects\n  LZOPE = ('not', 'this')\n\"\"\"\n"
                + "import os, sys\n"
                + "LZOPE = ('localhost:8080', \\\n         ('adm', r'a\\b'), '/z')\n"
                + "RZOPE = [('test1.example.org:8080', ('u', 'p'), 'u@test1.example.org:/z')]\n"
                + "OBJS = ['/a', \"/b\" # a comment with a quote ' in it\n"
                + "       ]\n"
                + "def main():\n"
                + "    LZOPE = None\n"
                + "    for o in OBJS: print(o, {'k': [1, 2]})\n"
                + "if __name__ == '__main__':\n    main()\n";

        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(python, FILE);

        assertThat(conversion.yaml()).contains("  source:\n    url: http://localhost:8080\n    username: adm\n",
                "objects:\n  - /a\n  - /b\n");
    }

    @Test
    void shouldNameLineAndColumnOfAnUnclosedBracket() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\nRZOPE = [\n  ('h:80', ('u', 'p'), 'u@h:/z')\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("zupdate.py:2:9: '[' is never closed");
    }

    @Test
    void shouldNameLineAndColumnOfAnUnclosedString() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x), '/z')\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("zupdate.py:1:44: the string is never closed");
    }

    @Test
    void shouldNameAMissingStatement() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\nOBJS = ['/a']\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("zupdate.py: no RZOPE = ... statement: it is not a zupdate.py task description");
    }

    @Test
    void shouldNameTheLineOfABadObjectPath() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\n"
                + "RZOPE = [('t.example.org:80', ('u', 'p'), 'u@t.example.org:/z')]\n"
                + "OBJS = ['/a',\n        'b/c']\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("zupdate.py:4:9: object path must be absolute");
    }

    @Test
    void shouldNameTheShapeExpectedOfARemote() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\n"
                + "RZOPE = [('t.example.org:80', 'u', 'u@t.example.org:/z')]\n"
                + "OBJS = ['/a']\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("zupdate.py:2:10: RZOPE: expected ('host:port', ('user', 'password'),"
                        + " 'user@host:/path'), found a tuple of 3");
    }

    @Test
    void shouldRefuseARemoteThatIsTheLocalZope() {
        String python = "LZOPE = ('localhost:8080', ('adm', 'x'), '/z')\n"
                + "RZOPE = [('localhost:8080', ('u', 'p'), 'u@localhost:/z')]\n"
                + "OBJS = ['/a']\n";

        assertThatThrownBy(() -> ZupdateConverter.convert(python, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the converted task file would not be valid")
                .hasMessageContaining("same Zope URL as the source");
    }

    @Test
    void shouldQuoteScalarsThatYamlWouldReadOtherwise() {
        assertThat(ZupdateConverter.scalar("/my folder/x")).isEqualTo("\"/my folder/x\"");
        assertThat(ZupdateConverter.scalar("yes")).isEqualTo("\"yes\"");
        assertThat(ZupdateConverter.scalar("8080")).isEqualTo("\"8080\"");
        assertThat(ZupdateConverter.scalar("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ZupdateConverter.scalar("/myfolder/obj1")).isEqualTo("/myfolder/obj1");
    }
}
