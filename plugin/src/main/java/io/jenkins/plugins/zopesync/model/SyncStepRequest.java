package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one {@code zopeSync} call asks for, from the Pipeline step or the freestyle build step alike: a sync
 * (export {@code objects} from {@code source}, push them to {@code targets}), an export only (no targets: the bundle
 * is archived for a later promotion) or a promotion (push the archived {@code bundle} to {@code targets}). Both
 * front ends copy their fields into a {@link Builder} and hand the result to the same {@code perform}; nothing else
 * reads their fields.
 *
 * <pre>{@code
 * SyncStepRequest request = SyncStepRequest.builder()
 *         .source("dev").targets(List.of("test")).object("/myfolder/obj1", "/yourfolder")
 *         .build();
 * }</pre>
 * {@link Builder#build()} checks every rule that needs neither Jenkins nor the network. Immutable and
 * {@link Serializable}: it travels to the agent that runs the engine.
 */
public final class SyncStepRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern BUNDLE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?");

    private final String source;
    private final List<String> targets;
    private final List<ObjectSpec> objects;
    private final String bundle;
    private final OnExisting onExisting;
    private final boolean dryRun;
    private final boolean keepBackups;
    private final boolean saveReplaced;
    private final int parallel;

    private SyncStepRequest(Builder b) {
        this.source = b.source;
        this.targets = List.copyOf(b.targets);
        this.objects = List.copyOf(b.objects);
        this.bundle = b.bundle;
        this.onExisting = b.onExistingMode;
        this.dryRun = b.dryRun;
        this.keepBackups = b.keepBackups;
        this.saveReplaced = b.saveReplaced;
        this.parallel = b.parallel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Splits environment names typed in one field: {@code "test, prod"} and {@code "test prod"} are both
     * {@code [test, prod]}. Environment names never hold a comma or a space, so nothing is lost.
     */
    public static List<String> splitNames(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(NAME_SEPARATORS.split(names.strip()))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * Checks a bundle path: relative, {@code /}-separated names of {@code [A-Za-z0-9._-]}, no {@code .} or
     * {@code ..}; it names a folder among the build's artifacts or in the workspace.
     *
     * @throws InvalidInputException naming the path
     */
    public static String checkBundle(String bundle) {
        if (bundle == null
                || !BUNDLE_PATH.matcher(bundle).matches()
                || Arrays.asList(bundle.split("/")).contains("..")
                || Arrays.asList(bundle.split("/")).contains(".")) {
            throw new InvalidInputException(Texts.get("Request.BadBundle", bundle));
        }
        return bundle;
    }

    /** Whether this call promotes an existing bundle instead of exporting from a source. */
    public boolean isPromotion() {
        return bundle != null;
    }

    /** Whether this call only exports (a source and objects, no target): the bundle is archived for later. */
    public boolean isExportOnly() {
        return bundle == null && targets.isEmpty();
    }

    /** The source environment's name; {@code null} for a promotion. */
    public String getSource() {
        return source;
    }

    public List<String> getTargets() {
        return targets;
    }

    /** The objects to export; empty for a promotion. */
    public List<ObjectSpec> getObjects() {
        return objects;
    }

    /** The bundle to promote (a path in the build's artifacts or the workspace), or {@code null} for a sync. */
    public String getBundle() {
        return bundle;
    }

    public OnExisting getOnExisting() {
        return onExisting;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public boolean isKeepBackups() {
        return keepBackups;
    }

    public boolean isSaveReplaced() {
        return saveReplaced;
    }

    public int getParallel() {
        return parallel;
    }

    /** Every environment this call needs: the source (for a sync), then the targets. */
    public List<String> getEnvironmentNames() {
        List<String> names = new ArrayList<>();
        if (source != null) {
            names.add(source);
        }
        names.addAll(targets);
        return List.copyOf(names);
    }

    /** The engine's options for this call, with the given timeouts. */
    public SyncOptions toOptions(Timeouts timeouts) {
        return SyncOptions.builder()
                .onExisting(onExisting)
                .dryRun(dryRun)
                .keepBackups(keepBackups)
                .saveReplaced(saveReplaced)
                .parallelism(parallel)
                .timeouts(Objects.requireNonNull(timeouts))
                .build();
    }

    @Override
    public String toString() {
        String what = isPromotion()
                ? "promote bundle " + bundle
                : (isExportOnly() ? "export " : "sync ") + objects + " from " + source;
        return what + (targets.isEmpty() ? "" : " to " + targets) + (dryRun ? " (dry run)" : "");
    }

    /** Collects a request's fields; {@link #build()} checks them. */
    public static final class Builder {
        private String source;
        private final List<String> targets = new ArrayList<>();
        private final List<ObjectSpec> objects = new ArrayList<>();
        private final List<InvalidInputException> objectProblems = new ArrayList<>();
        private String bundle;
        private String onExisting = OnExisting.REPLACE.getKeyword();
        private OnExisting onExistingMode;
        private boolean dryRun;
        private boolean keepBackups;
        private boolean saveReplaced = true;
        private int parallel = SyncOptions.defaults().getParallelism();

        private Builder() {}

        /** The source environment; blank counts as not given. */
        public Builder source(String value) {
            this.source = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** Adds targets; each entry may hold several names separated by commas or spaces. */
        public Builder targets(List<String> values) {
            if (values != null) {
                values.forEach(value -> targets.addAll(splitNames(value)));
            }
            return this;
        }

        /**
         * Adds an object; a bad path is reported by {@link #build()}.
         *
         * @param targetFolder the folder on the targets, or {@code null}/blank for the source's folder
         */
        public Builder object(String path, String targetFolder) {
            try {
                objects.add(ObjectSpec.of(
                        path == null ? "" : path.strip(), targetFolder == null ? null : targetFolder.strip()));
            } catch (InvalidInputException e) {
                objectProblems.add(e);
            }
            return this;
        }

        /** The bundle to promote; blank counts as not given. */
        public Builder bundle(String value) {
            this.bundle = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** {@code replace}, {@code skip} or {@code fail}; {@code null} or blank means {@code replace}. */
        public Builder onExisting(String value) {
            this.onExisting = value == null || value.isBlank() ? OnExisting.REPLACE.getKeyword() : value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder keepBackups(boolean value) {
            this.keepBackups = value;
            return this;
        }

        public Builder saveReplaced(boolean value) {
            this.saveReplaced = value;
            return this;
        }

        public Builder parallel(int value) {
            this.parallel = value;
            return this;
        }

        /** @throws InvalidInputException naming the first rule broken and the bad value */
        public SyncStepRequest build() {
            if (!objectProblems.isEmpty()) {
                throw objectProblems.get(0);
            }
            if (bundle != null) {
                if (source != null || !objects.isEmpty()) {
                    throw new InvalidInputException(Texts.get("Request.BundleWithSource"));
                }
                checkBundle(bundle);
            } else {
                if (source == null) {
                    throw new InvalidInputException(Texts.get("Request.NoSource"));
                }
                Environment.checkName(source);
                if (objects.isEmpty()) {
                    throw new InvalidInputException(Texts.get("Request.NoObjects"));
                }
            }
            if (bundle != null && targets.isEmpty()) {
                throw new InvalidInputException(Texts.get("Request.NoTargets"));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String target : targets) {
                Environment.checkName(target);
                if (!seen.add(target)) {
                    throw new InvalidInputException(Texts.get("Request.DuplicateTarget", target));
                }
                if (target.equals(source)) {
                    throw new InvalidInputException(Texts.get("Request.SourceIsTarget", target));
                }
            }
            onExistingMode = OnExisting.parse(onExisting);
            if (parallel < 1 || parallel > SyncOptions.MAX_PARALLELISM) {
                throw new InvalidInputException(Texts.get("Check.BadParallel", SyncOptions.MAX_PARALLELISM, parallel));
            }
            return new SyncStepRequest(this);
        }
    }
}
