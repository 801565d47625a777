package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncReportTest {

    @Test
    void shouldCarryOnlyClassesOfThePluginAndTheJdkSoThatTheControllerAcceptsItFromAnAgent() throws IOException {
        SyncReport report = SyncReport.of(Results.mixed(), List.of());

        Set<String> classes = serializedClasses(report);

        assertThat(classes).contains(SyncReport.class.getName(), SyncSummary.class.getName());
        assertThat(classes)
                .as("remoting's class filter rejects the engine's classes from a bundled library jar")
                .allMatch(name -> name.startsWith("io.jenkins.plugins.zopesync.")
                        || name.startsWith("java.")
                        || name.startsWith("[")
                        || name.equals("boolean")
                        || name.equals("int")
                        || name.equals("long"));
    }

    @Test
    void shouldNameTheArchivedBundleInTheMapAndTheSummary() {
        SyncReport report = SyncReport.of(Results.mixed(), List.of());

        assertThat(report.getResultMap("zope-sync"))
                .containsEntry("bundle", "zope-sync")
                .containsEntry("success", false)
                .containsKey("targets");
        assertThat(report.getResultMap(null)).containsEntry("bundle", null);
        assertThat(report.getSummary().getBundle()).isNull();
        assertThat(report.getSummary().withBundle("zope-sync").getBundle()).isEqualTo("zope-sync");
        assertThat(report.getSummary().withBundle("zope-sync").getRows())
                .hasSameSizeAs(report.getSummary().getRows());
    }

    @Test
    void shouldTellWhyARunFailedAndNothingForOneThatSucceeded() {
        assertThat(SyncReport.of(Results.mixed(), List.of()).getFailure())
                .hasValueSatisfying(message -> assertThat(message).contains("target prod"));
        assertThat(SyncReport.of(Results.mixed(), List.of()).isSuccess()).isFalse();
        assertThat(SyncReport.of(Results.synced(), List.of()).getFailure()).isEmpty();
    }

    private static Set<String> serializedClasses(Object value) throws IOException {
        Set<String> classes = new LinkedHashSet<>();
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream()) {
            @Override
            protected void annotateClass(Class<?> type) {
                classes.add(type.getName());
            }

            @Override
            protected void writeClassDescriptor(ObjectStreamClass descriptor) throws IOException {
                classes.add(descriptor.getName());
                super.writeClassDescriptor(descriptor);
            }
        }) {
            out.writeObject(value);
        }
        return classes;
    }
}
