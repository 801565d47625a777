package io.zopesync.testkit.zope;

import io.zopesync.testkit.zope.Pickles.Bytes;
import io.zopesync.testkit.zope.Pickles.Global;
import io.zopesync.testkit.zope.Pickles.PersistentRef;
import io.zopesync.testkit.zope.Pickles.PickleException;
import io.zopesync.testkit.zope.Pickles.Tuple;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Writes and reads .zexp files in ZODB's export format ({@code ZODB/ExportImport.py}): {@code ZEXP}, then per
 * object its oid, the record length and a record of two pickles (class, state), breadth-first from the exported
 * object, then 16 bytes 0xFF. This is the double's own implementation, independent of the engine's reader.
 */
final class ZexpCodec {
    static final byte[] MAGIC = "ZEXP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOB_MARKER = "\0BLOBSTART".getBytes(StandardCharsets.US_ASCII);
    private static final Global PDATA = new Global("OFS.Image", "Pdata");
    /** The largest record a large file's import reads into memory (its root, or one Pdata record). */
    private static final int LARGE_RECORD_LIMIT = 1 << 20;

    private ZexpCodec() {
    }

    /** The file could not be imported; the message is the reason Zope would write to its event log. */
    static final class ZexpImportException extends Exception {
        private static final long serialVersionUID = 1L;

        ZexpImportException(String message) {
            super(message);
        }
    }

    /**
     * Exports an object and everything below it. The same unchanged object always gives the same bytes. File and
     * image data longer than 64 KiB is written as a chain of {@code OFS.Image.Pdata} records of 64 KiB, as Zope
     * stores it, so no record grows with the file.
     *
     * @param protocol 3 as Zope 4 and later write, 1 as Zope 2.13 writes
     */
    static byte[] export(ZopeObject root, int protocol) {
        List<Long> oids = new ArrayList<>();
        List<Pickles.Writer> records = new ArrayList<>();
        try {
            records(root, protocol, (oid, record) -> {
                oids.add(oid);
                records.add(record);
            });
            long size = MAGIC.length + 16L;
            for (Pickles.Writer record : records) {
                size += 16 + record.size();
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("an export of " + size + " bytes does not fit in a byte array");
            }
            // sized exactly, so that the data is copied once, from the objects into the export
            ArrayOutput out = new ArrayOutput((int) size);
            out.write(MAGIC);
            for (int i = 0; i < records.size(); i++) {
                writeRecord(oids.get(i), records.get(i), out);
            }
            out.write(endMarker());
            return out.array;
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
    }

    /**
     * Writes the export of {@link #export} to a stream one record at a time, so that a large file (see
     * {@link ZopeDouble#addLargeFile}) is exported with no more memory than one 64 KiB record.
     *
     * @throws IOException if {@code out} cannot be written
     * @throws UncheckedIOException if a large file's data cannot be read
     */
    static void write(ZopeObject root, int protocol, OutputStream out) throws IOException {
        out.write(MAGIC);
        records(root, protocol, (oid, record) -> writeRecord(oid, record, out));
        out.write(endMarker());
    }

    /** Takes one record of an export: its oid and its two pickles. */
    @FunctionalInterface
    private interface RecordSink {
        void accept(long oid, Pickles.Writer record) throws IOException;
    }

    /** Pickles the records of an export in their order and hands each to {@code sink}. */
    private static void records(ZopeObject root, int protocol, RecordSink sink) throws IOException {
        Deque<Object> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Object next = queue.removeFirst();
            long oid;
            Global klass;
            Map<String, Object> state;
            if (next instanceof Chunk) {
                Chunk chunk = (Chunk) next;
                oid = chunk.oid();
                klass = PDATA;
                state = chunk.state();
                chunk.next().ifPresent(queue::add);
            } else {
                ZopeObject object = (ZopeObject) next;
                oid = object.getOid();
                klass = classOf(object.getType());
                state = state(object, protocol);
                queue.addAll(object.getChildren());
                Chunk.first(object).ifPresent(queue::add);
            }
            sink.accept(oid, new Pickles.Writer(protocol).dump(klass).dump(state));
        }
    }

    private static void writeRecord(long oid, Pickles.Writer record, OutputStream out) throws IOException {
        out.write(longBytes(oid));
        out.write(longBytes(record.size()));
        record.writeTo(out);
    }

    private static byte[] endMarker() {
        byte[] endMarker = new byte[16];
        Arrays.fill(endMarker, (byte) 0xFF);
        return endMarker;
    }

    /** Writes into an array of the final size, which {@link ByteArrayOutputStream} would copy once more. */
    private static final class ArrayOutput extends OutputStream {
        final byte[] array;
        private int position;

        ArrayOutput(int size) {
            this.array = new byte[size];
        }

        @Override
        public void write(int b) {
            array[position++] = (byte) b;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            System.arraycopy(data, offset, array, position, length);
            position += length;
        }
    }

    /**
     * One 64 KiB piece of a file's data. Its oid is derived from the file's oid and its index, so an unchanged
     * file exports to the same bytes, and it never meets the oid of an object (those stay far below 2^40).
     */
    private record Chunk(ZopeObject file, int index) {
        static final int SIZE = 1 << 16;

        static Optional<Chunk> first(ZopeObject object) {
            return isChunked(object) ? Optional.of(new Chunk(object, 0)) : Optional.empty();
        }

        static boolean isChunked(ZopeObject object) {
            return !object.isFolder() && object.getType() != ZopeType.DTML_DOCUMENT
                    && object.getContentLength() > SIZE;
        }

        static long oid(ZopeObject object, int index) {
            return 1L << 62 | object.getOid() << 20 | index;
        }

        long oid() {
            return oid(file, index);
        }

        Optional<Chunk> next() {
            return (long) (index + 1) * SIZE < file.getContentLength()
                    ? Optional.of(new Chunk(file, index + 1)) : Optional.empty();
        }

        Map<String, Object> state() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("data", file.getContentRange((long) index * SIZE,
                    Math.min(file.getContentLength(), (long) (index + 1) * SIZE)));
            next().ifPresent(chunk -> state.put("next", reference(chunk.oid(), PDATA)));
            return state;
        }
    }

    private static PersistentRef reference(long oid, Global klass) {
        return new PersistentRef(new Tuple(List.of(longBytes(oid), klass)));
    }

    private static Global classOf(ZopeType type) {
        return new Global(type.getModule(), type.getClassName());
    }

    private static Map<String, Object> state(ZopeObject object, int protocol) {
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> localRoles = Map.of("admin", List.of("Owner"));
        switch (object.getType()) {
            case FOLDER:
            case ORDERED_FOLDER:
                state.put("id", object.getId());
                state.put("title", object.getTitle());
                state.put("__ac_local_roles__", localRoles);
                List<Object> objects = new ArrayList<>();
                for (ZopeObject child : object.getChildren()) {
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("id", child.getId());
                    info.put("meta_type", child.getType().getMetaType());
                    objects.add(info);
                }
                state.put("_objects", new Tuple(objects));
                for (ZopeObject child : object.getChildren()) {
                    state.put(child.getId(), reference(child.getOid(), classOf(child.getType())));
                }
                break;
            case DTML_DOCUMENT:
                state.put("raw", new String(object.getContent(), StandardCharsets.UTF_8));
                if (protocol >= 3) {
                    state.put("encoding", "UTF-8");
                }
                state.put("globals", new LinkedHashMap<>());
                state.put("_vars", new LinkedHashMap<>());
                state.put("__name__", object.getId());
                state.put("title", object.getTitle());
                state.put("__ac_local_roles__", localRoles);
                break;
            default:
                state.put("__name__", object.getId());
                state.put("title", object.getTitle());
                state.put("precondition", "");
                state.put("content_type", object.getContentType());
                state.put("size", object.getContentLength());
                state.put("data", Chunk.isChunked(object) ? reference(Chunk.oid(object, 0), PDATA)
                        : object.getContentRange(0, object.getContentLength()));
                state.put("__ac_local_roles__", localRoles);
                if (object.getType() == ZopeType.IMAGE) {
                    state.put("width", object.getWidth());
                    state.put("height", object.getHeight());
                }
                break;
        }
        return state;
    }

    /**
     * Imports a .zexp file as ZODB does, giving every object a new oid. The root's id is the one inside the file.
     *
     * @param python3 {@code true} for Zope 4 and later: Python 2 byte strings must then be ASCII, as
     *     zodbpickle decodes them; {@code false} for Zope 2.13, which cannot read protocol 3 pickles
     * @throws ZexpImportException with Zope's reason, e.g. {@code Invalid export header}
     */
    static ZopeObject read(byte[] file, boolean python3, LongSupplier newOid) throws ZexpImportException {
        Map<Bytes, Object[]> records = new LinkedHashMap<>();
        Bytes rootOid = null;
        ByteBuffer in = ByteBuffer.wrap(file);
        if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new ZexpImportException("Invalid export header");
        }
        in.position(MAGIC.length);
        while (true) {
            if (in.remaining() < 16) {
                throw new ZexpImportException("Truncated export file");
            }
            byte[] header = new byte[16];
            in.get(header);
            if (isEndMarker(header)) {
                break;
            }
            long length = ByteBuffer.wrap(header, 8, 8).getLong();
            if (length < 0 || length > in.remaining()) {
                throw new ZexpImportException("Truncated export file");
            }
            int start = in.position();
            in.position(start + (int) length);
            Bytes oid = new Bytes(Arrays.copyOf(header, 8));
            if (rootOid == null) {
                rootOid = oid;
            }
            records.put(oid, decode(file, start, (int) length, python3));
            skipBlob(in);
        }
        if (rootOid == null) {
            throw new ZexpImportException("POSKeyError: the export holds no object");
        }
        try {
            return build(rootOid, records, python3, newOid, new HashSet<>());
        } catch (RuntimeException e) {
            throw new ZexpImportException("UnpicklingError: unexpected object state: " + e);
        }
    }

    /**
     * Imports a large .zexp without reading it into memory: its root must be a File whose data is a chain of Pdata
     * records, as Zope writes large files. The data is copied into a new file in {@code store}.
     *
     * @throws ZexpImportException with Zope's reason, or saying that the double keeps only files on disk
     * @throws IOException if the file cannot be read or the store written
     */
    static ZopeObject readLarge(Path file, Path store, boolean python3, LongSupplier newOid)
            throws ZexpImportException, IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ZexpImportException("Invalid export header");
            }
            byte[] rootRecord = readRecord(in);
            if (rootRecord == null) {
                throw new ZexpImportException("POSKeyError: the export holds no object");
            }
            Object[] root = decode(rootRecord, python3);
            if (ZopeType.ofClass(className(root[0])) != ZopeType.FILE || !(root[1] instanceof Map)) {
                throw new ZexpImportException("the double keeps only a File on disk; this large export holds a "
                        + className(root[0]));
            }
            Map<String, Object> state = withTextKeys((Map<?, ?>) root[1], python3);
            String id = text(state.get("__name__"), python3);
            if (id == null) {
                throw new ZexpImportException("AttributeError: id (the File has no id)");
            }
            long oid = newOid.getAsLong();
            Files.createDirectories(store);
            Path dataFile = store.resolve(oid + ".data");
            try (OutputStream out = Files.newOutputStream(dataFile)) {
                Object next = state.get("data");
                while (next instanceof PersistentRef) {
                    Bytes expected = referencedOid((PersistentRef) next);
                    Object[] record = decode(readRecord(in, expected), python3);
                    if (!PDATA.dotted().equals(className(record[0])) || !(record[1] instanceof Map)) {
                        throw new ZexpImportException("POSKeyError: file data " + hex(expected)
                                + " is not in the export");
                    }
                    Map<String, Object> pdata = withTextKeys((Map<?, ?>) record[1], true);
                    plainBytes(pdata.get("data")).writeTo(out);
                    next = pdata.get("next");
                }
                if (next != null) {
                    plainBytes(next).writeTo(out);
                }
            }
            return new ZopeObject(oid, id, state.containsKey("title") ? text(state.get("title"), python3) : "",
                    text(state.get("content_type"), python3), dataFile);
        } catch (EOFException e) {
            throw new ZexpImportException("Truncated export file");
        }
    }

    /** The next record's pickles, or {@code null} at the end marker. */
    private static byte[] readRecord(DataInputStream in) throws IOException, ZexpImportException {
        byte[] header = new byte[16];
        in.readFully(header);
        if (isEndMarker(header)) {
            return null;
        }
        return readBody(in, header);
    }

    /** The next record, which must have the oid {@code expected}: Pdata records follow each other in order. */
    private static byte[] readRecord(DataInputStream in, Bytes expected) throws IOException, ZexpImportException {
        byte[] header = new byte[16];
        in.readFully(header);
        if (isEndMarker(header) || !Arrays.equals(Arrays.copyOf(header, 8), expected.value())) {
            throw new ZexpImportException("POSKeyError: file data " + hex(expected) + " is not where the double"
                    + " expects it (right after the record that refers to it)");
        }
        return readBody(in, header);
    }

    private static byte[] readBody(DataInputStream in, byte[] header) throws IOException, ZexpImportException {
        long length = ByteBuffer.wrap(header, 8, 8).getLong();
        if (length < 0 || length > LARGE_RECORD_LIMIT) {
            throw new ZexpImportException("the double reads records of at most " + LARGE_RECORD_LIMIT
                    + " bytes from a large export; this one has " + length);
        }
        byte[] data = new byte[(int) length];
        in.readFully(data);
        return data;
    }

    private static boolean isEndMarker(byte[] header) {
        for (byte b : header) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static void skipBlob(ByteBuffer in) throws ZexpImportException {
        if (in.remaining() < BLOB_MARKER.length) {
            return;
        }
        byte[] peek = new byte[BLOB_MARKER.length];
        in.duplicate().get(peek);
        if (!Arrays.equals(peek, BLOB_MARKER)) {
            return;
        }
        in.position(in.position() + BLOB_MARKER.length);
        if (in.remaining() < 8) {
            throw new ZexpImportException("Truncated export file");
        }
        long length = in.getLong();
        if (length < 0 || length > in.remaining()) {
            throw new ZexpImportException("Truncated export file");
        }
        in.position(in.position() + (int) length);
    }

    private static Object[] decode(byte[] data, boolean python3) throws ZexpImportException {
        return decode(data, 0, data.length, python3);
    }

    /** Decodes the record {@code file[offset]} to {@code file[offset + length - 1]}; its bytes values share it. */
    private static Object[] decode(byte[] file, int offset, int length, boolean python3) throws ZexpImportException {
        try {
            if (!python3 && length > 1 && (file[offset] & 0xFF) == 0x80 && file[offset + 1] > 2) {
                throw new ZexpImportException("ValueError: unsupported pickle protocol: " + file[offset + 1]);
            }
            Pickles.Reader reader = new Pickles.Reader(file, offset, length);
            Object meta = reader.load();
            Object state = reader.load();
            return new Object[] {meta, state};
        } catch (PickleException e) {
            throw new ZexpImportException("UnpicklingError: " + e.getMessage());
        }
    }

    private static ZopeObject build(Bytes oid, Map<Bytes, Object[]> records, boolean python3, LongSupplier newOid,
            Set<Bytes> seen) throws ZexpImportException {
        Object[] record = records.get(oid);
        if (record == null || !seen.add(oid)) {
            throw new ZexpImportException("POSKeyError: object " + hex(oid) + " is not in the export");
        }
        String className = className(record[0]);
        ZopeType type = ZopeType.ofClass(className);
        if (type == null) {
            throw new ZexpImportException("the double cannot import objects of class " + className);
        }
        if (!(record[1] instanceof Map)) {
            throw new ZexpImportException("TypeError: the state of " + className + " is not a dictionary");
        }
        Map<String, Object> state = withTextKeys((Map<?, ?>) record[1], python3);
        String id = text(state.containsKey("id") ? state.get("id") : state.get("__name__"), python3);
        if (id == null) {
            throw new ZexpImportException("AttributeError: id (" + className + " has no id)");
        }
        String title = state.containsKey("title") ? text(state.get("title"), python3) : "";
        ZopeObject object;
        if (type.isFolderish()) {
            object = new ZopeObject(newOid.getAsLong(), id, type, title, null, new byte[0]);
            for (Object info : sequence(state.get("_objects"))) {
                if (!(info instanceof Map)) {
                    throw new ZexpImportException("TypeError: an _objects entry is not a dictionary");
                }
                String childId = text(withTextKeys((Map<?, ?>) info, python3).get("id"), python3);
                Object reference = state.get(childId);
                if (!(reference instanceof PersistentRef)) {
                    throw new ZexpImportException("AttributeError: " + childId);
                }
                object.addChild(build(referencedOid((PersistentRef) reference), records, python3, newOid, seen));
            }
        } else if (type == ZopeType.DTML_DOCUMENT) {
            byte[] raw = text(state.get("raw"), python3).getBytes(StandardCharsets.UTF_8);
            object = new ZopeObject(newOid.getAsLong(), id, type, title, null, raw);
        } else {
            byte[] data = data(state.get("data"), records, seen);
            String contentType = text(state.get("content_type"), python3);
            int width = state.get("width") instanceof Long ? ((Long) state.get("width")).intValue() : -1;
            int height = state.get("height") instanceof Long ? ((Long) state.get("height")).intValue() : -1;
            object = ZopeObject.withOwnContent(newOid.getAsLong(), id, type, title, contentType, data, width,
                    height);
        }
        return object;
    }

    /** Python 2 pickles hold attribute names as byte strings; they are always ASCII. */
    private static Map<String, Object> withTextKeys(Map<?, ?> dict, boolean python3) throws ZexpImportException {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            converted.put(text(entry.getKey(), python3), entry.getValue());
        }
        return converted;
    }

    private static String className(Object meta) throws ZexpImportException {
        Object klass = meta instanceof Tuple ? ((Tuple) meta).items().get(0) : meta;
        if (klass instanceof Global) {
            return ((Global) klass).dotted();
        }
        if (klass instanceof Tuple && ((Tuple) klass).items().size() == 2) {
            return ((Tuple) klass).items().get(0) + "." + ((Tuple) klass).items().get(1);
        }
        throw new ZexpImportException("UnpicklingError: no class at the start of the record");
    }

    private static List<?> sequence(Object value) throws ZexpImportException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Tuple) {
            return ((Tuple) value).items();
        }
        if (value instanceof List) {
            return (List<?>) value;
        }
        throw new ZexpImportException("TypeError: _objects is not a sequence");
    }

    private static Bytes referencedOid(PersistentRef reference) throws ZexpImportException {
        Object id = reference.id();
        if (id instanceof Tuple && !((Tuple) id).items().isEmpty()) {
            id = ((Tuple) id).items().get(0);
        }
        if (id instanceof Bytes && ((Bytes) id).length() == 8) {
            return (Bytes) id;
        }
        throw new ZexpImportException("UnpicklingError: unsupported persistent reference " + id);
    }

    /** A file's data, gathered from its Pdata chain into one new array. */
    private static byte[] data(Object value, Map<Bytes, Object[]> records, Set<Bytes> seen)
            throws ZexpImportException {
        List<Bytes> pieces = new ArrayList<>();
        Object next = value;
        while (next instanceof PersistentRef) {
            Bytes oid = referencedOid((PersistentRef) next);
            Object[] record = records.get(oid);
            if (record == null || !seen.add(oid) || !PDATA.dotted().equals(className(record[0]))
                    || !(record[1] instanceof Map)) {
                throw new ZexpImportException("POSKeyError: file data " + hex(oid) + " is not in the export");
            }
            Map<String, Object> pdata = withTextKeys((Map<?, ?>) record[1], true);
            pieces.add(plainBytes(pdata.get("data")));
            next = pdata.get("next");
        }
        if (next != null) {
            pieces.add(plainBytes(next));
        }
        long size = 0;
        for (Bytes piece : pieces) {
            size += piece.length();
        }
        byte[] data = new byte[Math.toIntExact(size)];
        int at = 0;
        for (Bytes piece : pieces) {
            piece.copyTo(data, at);
            at += piece.length();
        }
        return data;
    }

    private static Bytes plainBytes(Object value) throws ZexpImportException {
        if (value instanceof Bytes) {
            return (Bytes) value;
        }
        if (value instanceof String) {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            return Bytes.view(utf8, 0, utf8.length);
        }
        throw new ZexpImportException("TypeError: file data is not bytes");
    }

    private static String text(Object value, boolean python3) throws ZexpImportException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Bytes) {
            Charset charset = python3 ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(((Bytes) value).buffer()).toString();
            } catch (CharacterCodingException e) {
                throw new ZexpImportException("UnicodeDecodeError: a Python 2 string is not " + charset);
            }
        }
        throw new ZexpImportException("TypeError: expected a string, found " + value.getClass().getSimpleName());
    }

    private static String hex(Bytes oid) {
        StringBuilder text = new StringBuilder("0x");
        for (byte b : oid.value()) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
