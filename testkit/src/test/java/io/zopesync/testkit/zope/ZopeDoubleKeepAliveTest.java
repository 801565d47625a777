package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A pooling client's calls on one kept-alive connection are answered at once, as waitress answers them. */
class ZopeDoubleKeepAliveTest extends DemoDoubleTest {
    /** Enough calls that delayed-ACK stalls of about 40 ms each would add up to well over the limit. */
    private static final int CALLS = 60;
    private static final long LIMIT_MILLIS = CALLS * 40 / 2;

    @Test
    void shouldAnswerCallsOnAKeptAliveConnectionWithoutDelayedAckStalls() {
        http.get("/src/manage_exportObject?id=doc1&download:int=1");
        long started = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            HttpResponse<byte[]> response = http.get("/src/manage_exportObject?id=doc1&download:int=1");
            assertThat(response.statusCode()).isEqualTo(200);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("%d calls on one connection", CALLS).isLessThan(LIMIT_MILLIS);
    }
}
