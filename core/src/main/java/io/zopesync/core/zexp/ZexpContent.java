package io.zopesync.core.zexp;

import io.zopesync.core.zexp.PickleMachine.Bytes;
import io.zopesync.core.zexp.PickleMachine.Call;
import io.zopesync.core.zexp.PickleMachine.Global;
import io.zopesync.core.zexp.PickleMachine.Ref;
import io.zopesync.core.zexp.PickleMachine.Skipped;
import io.zopesync.core.zexp.PickleMachine.Tuple;
import io.zopesync.core.zexp.PickleMachine.UnknownOpcode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a .zexp holds, read for comparison with another export of the same object (from another server): per
 * object of the exported tree its path below the exported object, its class and its attributes as text. Nothing
 * that differs between two databases for the same object is shown: persistent references are followed (a
 * {@code Pdata} chain becomes the file's data, another object's record its state, a child its id), never shown as
 * oids; the owner and local roles that an import sets ({@code _owner}, {@code __ac_local_roles__}) and the ETag
 * (a time stamp) are left out. The properties of a property sheet ({@code _properties} and the attributes it names)
 * become one text attribute {@value #PROPERTIES}, a line {@code id (type) = value} per property.
 *
 * <pre>{@code
 * ZexpContent source = ZexpContent.read(Path.of("bundle/objects/001-page.zexp"));
 * source.objects().get(0).attributes().get("raw");   // a DTML document's source
 * }</pre>
 *
 * <p>Like {@link ZexpReader} it never executes or instantiates anything from the file. Values longer than
 * {@link #MAX_SHOWN} bytes are shown by size and SHA-256 only, so that two of them still compare. Immutable.
 */
public final class ZexpContent {
    /** The longest value shown as itself; a longer one is shown as {@code <N bytes, sha256 …>}. */
    public static final int MAX_SHOWN = 1024 * 1024;
    /** Attributes that an import sets anew (with {@code set_owner}) and that say nothing about the object. */
    private static final Set<String> LEFT_OUT = Set.of("_owner", "__ac_local_roles__", "_EtagSupport__etag");
    /** The synthetic attribute that holds a property sheet's properties, one per line. */
    public static final String PROPERTIES = "properties";
    private static final int MAX_DEPTH = 16;

    /**
     * One object of the exported tree.
     *
     * @param path the path below the exported object, {@code ""} for the exported object itself
     * @param className its class, {@code module.Class}
     * @param attributes its attributes as text, by name, sorted; children appear by id only
     */
    public record ZopeObject(String path, String className, Map<String, String> attributes) {
        public ZopeObject {
            attributes = Map.copyOf(attributes);
        }
    }

    private record Record(String className, @Nullable Object state) {
    }

    private final List<ZopeObject> objects;

    private ZexpContent(List<ZopeObject> objects) {
        this.objects = List.copyOf(objects);
    }

    /** The objects, the exported one first, the others in path order. */
    public List<ZopeObject> objects() {
        return objects;
    }

    /**
     * Reads a whole file.
     *
     * @throws ZexpFormatException if it is not a valid .zexp (as {@link ZexpReader} would say) or a record cannot be
     *         read
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ZexpContent read(Path file) {
        ZexpReader.read(file);
        try (InputStream stream = Files.newInputStream(file)) {
            return read(new ZexpReader.Input(stream), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ZexpContent read(ZexpReader.Input in, String name) throws IOException {
        in.skipFully(4);
        Map<String, Record> records = new LinkedHashMap<>();
        String rootOid = null;
        byte[] header = new byte[16];
        while (in.readFully(header) == 16 && !isEndMarker(header)) {
            if (Arrays.equals(Arrays.copyOf(header, 10), "\0BLOBSTART".getBytes(StandardCharsets.US_ASCII))) {
                // a blob's 8-byte length follows the marker's 10 bytes, of which the header holds 6
                byte[] rest = new byte[2];
                in.readFully(rest);
                long length = ByteBuffer.wrap(new byte[] {header[10], header[11], header[12], header[13],
                    header[14], header[15], rest[0], rest[1]}).getLong();
                in.skipFully(length);
                continue;
            }
            String oid = HexFormat.of().formatHex(header, 0, 8);
            long length = ByteBuffer.wrap(header, 8, 8).getLong();
            long end = in.getOffset() + length;
            records.put(oid, record(in, end, name, oid));
            in.skipFully(end - in.getOffset());
            if (rootOid == null) {
                rootOid = oid;
            }
        }
        if (rootOid == null) {
            throw new ZexpFormatException("Empty export: " + name + " holds no object");
        }
        List<ZopeObject> objects = new ArrayList<>();
        new Walk(records, objects).object("", rootOid, new HashSet<>());
        objects.sort((a, b) -> a.path().isEmpty() ? -1 : b.path().isEmpty() ? 1 : a.path().compareTo(b.path()));
        return new ZexpContent(objects);
    }

    private static Record record(ZexpReader.Input in, long end, String name, String oid) throws IOException {
        PickleMachine machine = new PickleMachine(in, end, true);
        try {
            Object klass = load(machine, in);
            Object state = load(machine, in);
            return new Record(className(klass), state);
        } catch (UnknownOpcode e) {
            throw new ZexpFormatException("Unreadable record: " + name + ", oid " + oid + ": " + e.getMessage());
        } catch (EOFException e) {
            throw new ZexpFormatException("Truncated export file: " + name + ", inside the record of oid " + oid);
        }
    }

    private static @Nullable Object load(PickleMachine machine, ZexpReader.Input in)
            throws IOException, UnknownOpcode {
        List<Object> stack = new ArrayList<>();
        int operations = 0;
        while (true) {
            long at = in.getOffset();
            int opcode = machine.nextByte();
            if (opcode == '.') {
                if (stack.size() != 1) {
                    throw new UnknownOpcode("STOP with " + stack.size() + " values on the stack at offset " + at);
                }
                return stack.get(0);
            }
            machine.step(opcode, at, stack);
            if (++operations > 10_000_000) {
                throw new UnknownOpcode("too many pickle operations");
            }
        }
    }

    private static String className(@Nullable Object klass) {
        Object named = klass instanceof Tuple tuple && !tuple.items().isEmpty() ? tuple.items().get(0) : klass;
        if (named instanceof Global global) {
            return global.toString();
        }
        if (named instanceof Tuple pair && pair.items().size() == 2) {
            return pair.items().get(0) + "." + pair.items().get(1);
        }
        return "?";
    }

    private static boolean isEndMarker(byte[] header) {
        for (byte b : header) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Turns records into objects: follows references, names children, renders values as text. */
    private static final class Walk {
        private final Map<String, Record> records;
        private final List<ZopeObject> objects;

        Walk(Map<String, Record> records, List<ZopeObject> objects) {
            this.records = records;
            this.objects = objects;
        }

        void object(String path, String oid, Set<String> seen) {
            Record record = records.get(oid);
            if (record == null || !seen.add(oid)) {
                return;
            }
            Map<String, String> attributes = new TreeMap<>();
            Map<?, ?> state = stateDict(record.state());
            for (Map.Entry<?, ?> entry : state.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (LEFT_OUT.contains(key)) {
                    continue;
                }
                String child = childOid(entry.getValue());
                if (child != null) {
                    String childId = idOf(records.get(child));
                    attributes.put(key, "<object " + (childId == null ? key : childId) + ">");
                    object(path.isEmpty() ? key : path + "/" + key, child, seen);
                } else {
                    attributes.put(key, render(entry.getValue(), 0, new HashSet<>()));
                }
            }
            properties(state, attributes);
            objects.add(new ZopeObject(path, record.className(), Collections.unmodifiableMap(attributes)));
        }

        /** Replaces {@code _properties} and the attributes it names by one text, a line per property. */
        private void properties(Map<?, ?> state, Map<String, String> attributes) {
            if (!(state.get("_properties") instanceof Tuple sheet)) {
                return;
            }
            StringBuilder text = new StringBuilder();
            for (Object property : sheet.items()) {
                if (property instanceof Map<?, ?> description && description.get("id") instanceof String id) {
                    Object type = description.get("type");
                    text.append(id).append(" (").append(type == null ? "?" : render(type, 0, new HashSet<>()))
                            .append(") = ").append(state.containsKey(id) ? render(state.get(id), 0, new HashSet<>())
                                    .replace("\n", "\\n") : "(not set)").append('\n');
                    attributes.remove(id);
                }
            }
            attributes.remove("_properties");
            attributes.put(PROPERTIES, text.toString());
        }

        /** The oid a value refers to if it is a content object of its own (it has an id), else null. */
        private @Nullable String childOid(@Nullable Object value) {
            if (!(value instanceof Ref ref)) {
                return null;
            }
            String oid = oid(ref);
            Record target = oid == null ? null : records.get(oid);
            return target != null && idOf(target) != null && !target.className().endsWith(".Pdata") ? oid : null;
        }

        private String render(@Nullable Object value, int depth, Set<String> seen) {
            if (depth > MAX_DEPTH) {
                return "…";
            }
            if (value == null) {
                return "None";
            }
            if (value instanceof String text) {
                return text;
            }
            if (value instanceof Bytes bytes) {
                return bytes(bytes.data());
            }
            if (value instanceof Skipped skipped) {
                return "<" + skipped.length() + " bytes, not read>";
            }
            if (value instanceof Boolean || value instanceof Long || value instanceof Double) {
                return value.toString();
            }
            if (value instanceof Global global) {
                return global.toString();
            }
            if (value instanceof Tuple tuple) {
                return "(" + joined(tuple.items(), depth, seen) + (tuple.items().size() == 1 ? ",)" : ")");
            }
            if (value instanceof List<?> list) {
                return "[" + joined(list, depth, seen) + "]";
            }
            if (value instanceof Map<?, ?> map) {
                List<String> items = new ArrayList<>();
                for (Map.Entry<?, ?> entry : new TreeMap<>(stringKeys(map)).entrySet()) {
                    items.add(entry.getKey() + ": " + quoted(entry.getValue(), depth, seen));
                }
                return "{" + String.join(", ", items) + "}";
            }
            if (value instanceof Call call) {
                String args = call.args() instanceof Tuple tuple ? joined(tuple.items(), depth, seen)
                        : render(call.args(), depth + 1, seen);
                return render(call.callable(), depth + 1, seen) + "(" + args + ")"
                        + (call.state() == null ? "" : " " + render(call.state(), depth + 1, seen));
            }
            if (value instanceof Ref ref) {
                return reference(ref, depth, seen);
            }
            return "<?>";
        }

        /** A referenced record: a {@code Pdata} chain as its data, anything else as its class and state. */
        private String reference(Ref ref, int depth, Set<String> seen) {
            String oid = oid(ref);
            Record target = oid == null ? null : records.get(oid);
            if (target == null) {
                return "<reference outside the export>";
            }
            if (target.className().endsWith(".Pdata")) {
                return pdata(oid);
            }
            if (!seen.add(oid)) {
                return "<" + target.className() + ", seen above>";
            }
            return target.className() + " " + render(target.state(), depth + 1, seen);
        }

        private String pdata(String first) {
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            Set<String> seen = new HashSet<>();
            String oid = first;
            while (oid != null && seen.add(oid) && records.get(oid) != null) {
                Map<?, ?> state = stateDict(records.get(oid).state());
                if (state.get("data") instanceof Bytes bytes) {
                    data.writeBytes(bytes.data());
                }
                oid = state.get("next") instanceof Ref next ? oid(next) : null;
            }
            return bytes(data.toByteArray());
        }

        private String joined(List<?> items, int depth, Set<String> seen) {
            List<String> rendered = new ArrayList<>();
            for (Object item : items) {
                rendered.add(quoted(item, depth, seen));
            }
            return String.join(", ", rendered);
        }

        /** Inside a container strings are quoted, so that {@code ('a, b',)} and {@code ('a', 'b')} differ. */
        private String quoted(@Nullable Object value, int depth, Set<String> seen) {
            return value instanceof String text ? "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
                    : render(value, depth + 1, seen);
        }

        private @Nullable String oid(Ref ref) {
            Object pid = ref.pid() instanceof Tuple tuple && !tuple.items().isEmpty() ? tuple.items().get(0)
                    : ref.pid();
            if (pid instanceof Bytes bytes && bytes.data().length == 8) {
                return HexFormat.of().formatHex(bytes.data());
            }
            if (pid instanceof String text && text.length() == 8) {
                // Python 2 exports name oids as 8-character str
                return HexFormat.of().formatHex(text.getBytes(StandardCharsets.ISO_8859_1));
            }
            return null;
        }
    }

    private static Map<?, ?> stateDict(@Nullable Object state) {
        if (state instanceof Map<?, ?> map) {
            return map;
        }
        // (state dict, slots dict) as a pickled tuple
        if (state instanceof Tuple tuple && !tuple.items().isEmpty() && tuple.items().get(0) instanceof Map<?, ?> map) {
            return map;
        }
        return state == null ? Map.of() : Map.of("(state)", state);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> keys = new HashMap<>();
        map.forEach((key, value) -> keys.put(String.valueOf(key), value));
        return keys;
    }

    private static @Nullable String idOf(@Nullable Record record) {
        if (record == null) {
            return null;
        }
        Map<?, ?> state = stateDict(record.state());
        if (state.get("id") instanceof String id) {
            return id;
        }
        return state.get("__name__") instanceof String name ? name : null;
    }

    /** Text if the bytes are UTF-8 without NUL and not too long; else their size and SHA-256. */
    private static String bytes(byte[] data) {
        if (data.length <= MAX_SHOWN && !contains(data, (byte) 0)) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                // binary: shown by hash below
            }
        }
        try {
            return "<" + data.length + " bytes, sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(data)) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static boolean contains(byte[] data, byte value) {
        for (byte b : data) {
            if (b == value) {
                return true;
            }
        }
        return false;
    }
}
