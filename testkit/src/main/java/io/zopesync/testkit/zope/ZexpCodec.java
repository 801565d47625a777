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
import java.io.InputStream;
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
    /** The data of a large file goes in records of this size, as {@code OFS.Image.File} stores big uploads. */
    static final int PDATA_CHUNK = 64 * 1024;
    /** Oids of a large file's Pdata records in an export: any unique within the file will do. */
    private static final long PDATA_OID_BASE = 0x4000_0000_0000_0000L;
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
     * Exports an object and everything below it. The same unchanged object always gives the same bytes.
     *
     * @param protocol 3 as Zope 4 and later write, 1 as Zope 2.13 writes
     */
    static byte[] export(ZopeObject root, int protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (root.getDataFile() != null) {
            exportLarge(root, protocol, out);
            return out.toByteArray();
        }
        out.writeBytes(MAGIC);
        Deque<ZopeObject> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            ZopeObject object = queue.removeFirst();
            byte[] record = new Pickles.Writer(protocol)
                    .dump(classOf(object.getType()))
                    .dump(state(object, protocol))
                    .toByteArray();
            out.writeBytes(longBytes(object.getOid()));
            out.writeBytes(longBytes(record.length));
            out.writeBytes(record);
            queue.addAll(object.getChildren());
        }
        byte[] endMarker = new byte[16];
        Arrays.fill(endMarker, (byte) 0xFF);
        out.writeBytes(endMarker);
        return out.toByteArray();
    }

    /**
     * Streams the export of a large file (see {@link ZopeDouble#addLargeFile}): its record refers to a chain of
     * Pdata records of {@value #PDATA_CHUNK} bytes read one at a time from its data file.
     *
     * @throws UncheckedIOException if the data file cannot be read or {@code out} cannot be written
     */
    static void exportLarge(ZopeObject file, int protocol, OutputStream out) {
        try (InputStream data = new BufferedInputStream(Files.newInputStream(file.getDataFile()), PDATA_CHUNK)) {
            long chunks = (file.getSize() + PDATA_CHUNK - 1) / PDATA_CHUNK;
            out.write(MAGIC);
            Map<String, Object> state = fileState(file, chunks == 0 ? new byte[0] : pdataRef(0), file.getSize());
            writeRecord(out, file.getOid(), new Pickles.Writer(protocol).dump(classOf(ZopeType.FILE)).dump(state));
            for (long i = 0; i < chunks; i++) {
                Map<String, Object> pdata = new LinkedHashMap<>();
                pdata.put("data", data.readNBytes(PDATA_CHUNK));
                pdata.put("next", i + 1 < chunks ? pdataRef(i + 1) : null);
                writeRecord(out, PDATA_OID_BASE + i, new Pickles.Writer(protocol).dump(PDATA).dump(pdata));
            }
            byte[] endMarker = new byte[16];
            Arrays.fill(endMarker, (byte) 0xFF);
            out.write(endMarker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the large file " + file.getId(), e);
        }
    }

    private static PersistentRef pdataRef(long index) {
        return new PersistentRef(new Tuple(List.of(longBytes(PDATA_OID_BASE + index), PDATA)));
    }

    private static void writeRecord(OutputStream out, long oid, Pickles.Writer pickles) throws IOException {
        byte[] record = pickles.toByteArray();
        out.write(longBytes(oid));
        out.write(longBytes(record.length));
        out.write(record);
    }

    private static Global classOf(ZopeType type) {
        return new Global(type.getModule(), type.getClassName());
    }

    private static Map<String, Object> state(ZopeObject object, int protocol) {
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> localRoles = Map.of("admin", List.of("Owner"));
        switch (object.getType()) {
            case FOLDER:
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
                    Tuple reference = new Tuple(List.of(longBytes(child.getOid()), classOf(child.getType())));
                    state.put(child.getId(), new PersistentRef(reference));
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
                byte[] content = object.getContent();
                state = fileState(object, content, content.length);
                if (object.getType() == ZopeType.IMAGE) {
                    state.put("width", object.getWidth());
                    state.put("height", object.getHeight());
                }
                break;
        }
        return state;
    }

    /** The state of a file or image; {@code data} is its bytes or a reference to its first Pdata record. */
    private static Map<String, Object> fileState(ZopeObject object, Object data, long size) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("__name__", object.getId());
        state.put("title", object.getTitle());
        state.put("precondition", "");
        state.put("content_type", object.getContentType());
        state.put("size", size);
        state.put("data", data);
        state.put("__ac_local_roles__", Map.of("admin", List.of("Owner")));
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
            byte[] data = new byte[(int) length];
            in.get(data);
            Bytes oid = new Bytes(Arrays.copyOf(header, 8));
            if (rootOid == null) {
                rootOid = oid;
            }
            records.put(oid, decode(data, python3));
            skipBlob(in);
        }
        if (rootOid == null) {
            throw new ZexpImportException("POSKeyError: the export holds no object");
        }
        return build(rootOid, records, python3, newOid, new HashSet<>());
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
                    out.write(plainBytes(pdata.get("data")));
                    next = pdata.get("next");
                }
                if (next != null) {
                    out.write(plainBytes(next));
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
        try {
            if (!python3 && data.length > 1 && (data[0] & 0xFF) == 0x80 && data[1] > 2) {
                throw new ZexpImportException("ValueError: unsupported pickle protocol: " + data[1]);
            }
            Pickles.Reader reader = new Pickles.Reader(data);
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
        if (type == ZopeType.FOLDER) {
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
            object = new ZopeObject(newOid.getAsLong(), id, type, title, contentType, data, width, height);
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
        if (id instanceof Bytes && ((Bytes) id).value().length == 8) {
            return (Bytes) id;
        }
        throw new ZexpImportException("UnpicklingError: unsupported persistent reference " + id);
    }

    private static byte[] data(Object value, Map<Bytes, Object[]> records, Set<Bytes> seen)
            throws ZexpImportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object next = value;
        while (next instanceof PersistentRef) {
            Bytes oid = referencedOid((PersistentRef) next);
            Object[] record = records.get(oid);
            if (record == null || !seen.add(oid) || !PDATA.dotted().equals(className(record[0]))
                    || !(record[1] instanceof Map)) {
                throw new ZexpImportException("POSKeyError: file data " + hex(oid) + " is not in the export");
            }
            Map<String, Object> pdata = withTextKeys((Map<?, ?>) record[1], true);
            out.writeBytes(plainBytes(pdata.get("data")));
            next = pdata.get("next");
        }
        if (next != null) {
            out.writeBytes(plainBytes(next));
        }
        return out.toByteArray();
    }

    private static byte[] plainBytes(Object value) throws ZexpImportException {
        if (value instanceof Bytes) {
            return ((Bytes) value).value();
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
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
                        .decode(ByteBuffer.wrap(((Bytes) value).value())).toString();
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
