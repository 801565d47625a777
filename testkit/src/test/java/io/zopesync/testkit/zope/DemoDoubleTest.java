package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a double with the launcher's demo tree before each test, user {@code adm}, password {@code secret}. */
abstract class DemoDoubleTest {
    @TempDir
    Path home;

    ZopeDouble zope;
    ZopeHttp http;

    /** The flavour the double imitates; Zope 5 unless a test class says otherwise. */
    ZopeFlavour flavour() {
        return ZopeFlavour.ZOPE_5;
    }

    @BeforeEach
    void startDouble() {
        zope = ZopeDouble.builder().user("adm").password("secret").instanceHome(home).flavour(flavour()).build();
        ZopeDoubleMain.seedDemoTree(zope);
        zope.start();
        http = new ZopeHttp(zope.getUrl(), "adm", "secret");
    }

    @AfterEach
    void stopDouble() {
        zope.close();
    }

    /** A real Zope 5 export from the test resources. */
    static byte[] sample(String name) throws IOException {
        try (InputStream in = DemoDoubleTest.class.getResourceAsStream("/zexp/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
