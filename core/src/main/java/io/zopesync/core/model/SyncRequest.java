package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A sync: export objects from a source into a new bundle directory, then push them to targets.
 *
 * <pre>{@code
 * SyncRequest request = SyncRequest.builder(dev, bundleDir)
 *         .target(test).object(ObjectSpec.of("/myfolder/obj1", "/yourfolder"))
 *         .options(SyncOptions.defaults()).build();
 * }</pre>
 * {@link Builder#build()} checks every rule that needs no network: at least one target and object, no
 * duplicate target or object, the source not among the targets, SSH settings on every target. Immutable.
 */
public final class SyncRequest {
    private final Environment source;
    private final List<Environment> targets;
    private final List<ObjectSpec> objects;
    private final SyncOptions options;
    private final Path bundleDir;
    private final String holder;

    private SyncRequest(Builder b) {
        this.source = b.source;
        this.targets = List.copyOf(b.targets);
        this.objects = List.copyOf(b.objects);
        this.options = b.options;
        this.bundleDir = b.bundleDir;
        this.holder = b.holder;
    }

    /**
     * @param bundleDir where the bundle is written; it must not exist yet or be empty
     */
    public static Builder builder(Environment source, Path bundleDir) {
        return new Builder(source, bundleDir);
    }

    public Environment getSource() {
        return source;
    }

    public List<Environment> getTargets() {
        return targets;
    }

    public List<ObjectSpec> getObjects() {
        return objects;
    }

    public SyncOptions getOptions() {
        return options;
    }

    public Path getBundleDir() {
        return bundleDir;
    }

    /** Who runs the sync (e.g. {@code jenkins deploy-site #42} or {@code alice@build1}), written into locks. */
    public String getHolder() {
        return holder;
    }

    static void checkTargets(List<Environment> targets) {
        if (targets.isEmpty()) {
            throw new InvalidInputException("no target given");
        }
        Set<String> names = new HashSet<>();
        for (Environment target : targets) {
            if (!names.add(target.getName())) {
                throw InvalidInputException.of("target '%s' is given twice", target.getName());
            }
            if (target.getSsh().isEmpty()) {
                throw InvalidInputException.of("target '%s' has no SSH settings: a target needs SSH access to"
                        + " its import directory", target.getName());
            }
        }
    }

    /**
     * Checks a list of objects as a request does: at least one, none given twice, no two landing at the same place
     * on the targets, none inside another. A bundle's manifest is held to the same rules.
     *
     * @throws InvalidInputException naming the first rule broken
     */
    public static void checkObjects(List<ObjectSpec> objects) {
        if (objects.isEmpty()) {
            throw new InvalidInputException("no object given");
        }
        Set<ObjectPath> paths = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        for (ObjectSpec object : objects) {
            if (!paths.add(object.getPath())) {
                throw InvalidInputException.of("object '%s' is given twice", object.getPath());
            }
            String destination = object.getTargetFolder().child(object.getPath().getId()).toString();
            if (!destinations.add(destination)) {
                throw InvalidInputException.of("two objects would land at the same place on the targets: %s",
                        destination);
            }
        }
        for (ObjectSpec a : objects) {
            for (ObjectSpec b : objects) {
                if (a != b && b.getPath().startsWith(a.getPath())) {
                    throw InvalidInputException.of("object '%s' lies inside object '%s', which already"
                            + " carries it", b.getPath(), a.getPath());
                }
            }
        }
    }

    static String checkHolder(@Nullable String holder) {
        if (holder == null || holder.isBlank()) {
            throw new InvalidInputException("holder (who runs the sync) must not be empty");
        }
        return ZopeIds.printable(holder.strip()).replaceAll("^'|'$", "");
    }

    /** Builds a {@link SyncRequest}; {@link #build()} validates. */
    public static final class Builder {
        private final Environment source;
        private final Path bundleDir;
        private final List<Environment> targets = new ArrayList<>();
        private final List<ObjectSpec> objects = new ArrayList<>();
        private SyncOptions options = SyncOptions.defaults();
        private @Nullable String holder;

        private Builder(Environment source, Path bundleDir) {
            this.source = Objects.requireNonNull(source, "source");
            this.bundleDir = Objects.requireNonNull(bundleDir, "bundleDir");
        }

        public Builder target(Environment target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder targets(List<Environment> values) {
            values.forEach(this::target);
            return this;
        }

        public Builder object(ObjectSpec object) {
            objects.add(Objects.requireNonNull(object, "object"));
            return this;
        }

        public Builder objects(List<ObjectSpec> values) {
            values.forEach(this::object);
            return this;
        }

        public Builder options(SyncOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        public Builder holder(@Nullable String value) {
            this.holder = value;
            return this;
        }

        /** @throws InvalidInputException naming the first rule broken */
        public SyncRequest build() {
            checkTargets(targets);
            return validate();
        }

        /**
         * Builds a request that only exports the objects into the bundle, for {@link io.zopesync.core.ZopeSync#export}.
         *
         * @throws InvalidInputException if a target was given, or another rule is broken
         */
        public SyncRequest buildExport() {
            if (!targets.isEmpty()) {
                throw new InvalidInputException("an export takes no target");
            }
            return validate();
        }

        private SyncRequest validate() {
            for (Environment target : targets) {
                if (target.getName().equals(source.getName())
                        || target.getZope().getUrl().equals(source.getZope().getUrl())) {
                    throw InvalidInputException.of("target '%s' is the source itself", target.getName());
                }
            }
            checkObjects(objects);
            holder = checkHolder(holder == null ? defaultHolder() : holder);
            return new SyncRequest(this);
        }
    }

    static String defaultHolder() {
        String user = System.getProperty("user.name", "someone");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return user + "@" + host;
    }
}
