package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMapTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveThePipelineAPlainMapOfTargetsAndObjects() {
        Map<String, Object> map = ResultMap.of(Results.mixed(), "zope-sync");

        assertThat(map)
                .containsEntry("bundle", "zope-sync")
                .containsEntry("success", false)
                .containsEntry("dryRun", false)
                .containsEntry("runId", "20260101-120000-ab12")
                .containsEntry("problems", List.of());
        Map<String, Object> targets = (Map<String, Object>) map.get("targets");
        assertThat(targets).containsOnlyKeys("test", "prod");
        Map<String, Object> test = (Map<String, Object>) targets.get("test");
        assertThat(test)
                .containsEntry("outcome", "synced")
                .containsEntry("status", "synced")
                .containsEntry("message", null);
        assertThat((Map<String, Object>) test.get("objects"))
                .containsEntry("/myfolder/obj1", "imported")
                .containsEntry("/ourfolder/obj2", "replaced");
        Map<String, Object> prod = (Map<String, Object>) targets.get("prod");
        assertThat(prod).containsEntry("outcome", "failed");
        assertThat((Map<String, Object>) prod.get("objects"))
                .containsEntry("/ourfolder/obj2", "failed")
                .containsEntry("/myfolder/obj1", "restored");
    }

    @Test
    void shouldUseOnlyPlainTypesThatASandboxedScriptMayRead() {
        assertPlain(ResultMap.of(Results.mixed(), "zope-sync"));
    }

    @Test
    void shouldNameTheFailedTargetTheObjectAndTheCause() {
        String message = ResultMap.failure(Results.mixed());

        assertThat(message)
                .startsWith("zopeSync failed:")
                .contains("target prod failed")
                .contains("/ourfolder/obj2 failed: The id \"obj2\" is invalid - it is already in use.")
                .doesNotContain("target test");
        assertThat(ResultMap.failure(Results.preflightFailed())).contains("object /a/b does not exist");
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(java.util.LinkedHashMap.class);
            map.values().forEach(ResultMapTest::assertPlain);
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(java.util.ArrayList.class);
            list.forEach(ResultMapTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Number.class);
        }
    }
}
