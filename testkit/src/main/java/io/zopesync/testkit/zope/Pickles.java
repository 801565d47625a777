package io.zopesync.testkit.zope;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Just enough of Python's pickle format to write and read ZODB records of the object types the double knows.
 * Reading builds plain values ({@link String}, {@link Bytes}, {@link Long}, {@link List}, {@link Tuple},
 * {@link Map}, {@link Global}, {@link PersistentRef}, {@link Reduced}); nothing is ever executed.
 */
final class Pickles {
    private Pickles() {
    }

    /**
     * A Python {@code bytes} value (Python 2 {@code str} read from protocol 1 pickles is bytes as well), equal by
     * content. One made by {@link #view} shares its array, so that reading a record or writing a file's data does
     * not copy megabytes; that array must not change while the value is in use.
     */
    static final class Bytes {
        private final byte[] array;
        private final int offset;
        private final int length;

        /** A value holding a copy of {@code value}. */
        Bytes(byte[] value) {
            this(value.clone(), 0, value.length);
        }

        private Bytes(byte[] array, int offset, int length) {
            this.array = array;
            this.offset = offset;
            this.length = length;
        }

        /**
         * The bytes {@code array[offset]} to {@code array[offset + length - 1]}, not copied.
         *
         * @throws IndexOutOfBoundsException if the range is not inside the array
         */
        static Bytes view(byte[] array, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, array.length);
            return new Bytes(array, offset, length);
        }

        /** A copy of the bytes. */
        byte[] value() {
            return Arrays.copyOfRange(array, offset, offset + length);
        }

        int length() {
            return length;
        }

        /** The bytes as a read-only buffer, not copied. */
        ByteBuffer buffer() {
            return ByteBuffer.wrap(array, offset, length).asReadOnlyBuffer();
        }

        /** Writes the bytes to {@code out}, which must not keep or change the array it is given. */
        void writeTo(OutputStream out) throws IOException {
            out.write(array, offset, length);
        }

        /** Copies the bytes into {@code target} from index {@code at}. */
        void copyTo(byte[] target, int at) {
            System.arraycopy(array, offset, target, at, length);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Bytes)) {
                return false;
            }
            Bytes that = (Bytes) other;
            return Arrays.equals(array, offset, offset + length, that.array, that.offset, that.offset + that.length);
        }

        @Override
        public int hashCode() {
            return hash(length);
        }

        /** {@link Arrays#hashCode(byte[])} of the first {@code count} bytes. */
        private int hash(int count) {
            int result = 1;
            for (int i = offset; i < offset + count; i++) {
                result = 31 * result + array[i];
            }
            return result;
        }

        @Override
        public String toString() {
            return "Bytes[" + length + "]";
        }
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A reference to a class or function, {@code module.name}. */
    record Global(String module, String name) {
        String dotted() {
            return module + "." + name;
        }
    }

    /** A ZODB persistent reference; {@code id} is usually a tuple {@code (oid bytes, class)}. */
    record PersistentRef(Object id) {
    }

    /** What REDUCE, NEWOBJ, BUILD and INST leave on the stack: a description, never an instance. */
    record Reduced(Object callable, Object args, Object state) {
    }

    /** The pickle could not be read. */
    static final class PickleException extends Exception {
        private static final long serialVersionUID = 1L;

        PickleException(String message) {
            super(message);
        }
    }

    /**
     * Writes pickles the way ZODB's pickler does: one memo shared by the class pickle and the state pickle of a
     * record, strings memoized by value. Protocol 3 as Zope 4 and later write, or protocol 1 as Zope 2.13 does.
     * Bytes values ({@code byte[]} or {@link Bytes}) of {@value #SPLICE_MIN} bytes or more are not copied but
     * written from where they are by {@link #writeTo}: they must not change until then.
     */
    static final class Writer {
        private static final int SPLICE_MIN = 1024;

        private final Buffer out = new Buffer();
        /** The large bytes values left out of {@link #out}, in order, each with the position it belongs at. */
        private final List<Splice> splices = new ArrayList<>();
        private long splicedLength;
        private final Map<Object, Integer> memo = new HashMap<>();
        private final int protocol;

        Writer(int protocol) {
            if (protocol != 1 && protocol != 3) {
                throw new IllegalArgumentException("pickle protocol must be 1 or 3: " + protocol);
            }
            this.protocol = protocol;
        }

        /** Appends one complete pickle of {@code value}, ending with STOP. */
        Writer dump(Object value) {
            if (protocol >= 2) {
                out.write(0x80);
                out.write(protocol);
            }
            save(value);
            out.write('.');
            return this;
        }

        /** The length of everything dumped so far. */
        long size() {
            return out.size() + splicedLength;
        }

        /**
         * Writes everything dumped so far to {@code target}.
         *
         * @throws IOException if {@code target} cannot be written
         */
        void writeTo(OutputStream target) throws IOException {
            int from = 0;
            for (Splice splice : splices) {
                out.writeTo(target, from, splice.at());
                splice.data().writeTo(target);
                from = splice.at();
            }
            out.writeTo(target, from, out.size());
        }

        private void save(Object value) {
            if (value == null) {
                out.write('N');
            } else if (value instanceof Boolean) {
                saveBoolean((Boolean) value);
            } else if (value instanceof Integer || value instanceof Long) {
                saveLong(((Number) value).longValue());
            } else if (value instanceof String) {
                saveString((String) value);
            } else if (value instanceof byte[]) {
                saveBytes(Bytes.view((byte[]) value, 0, ((byte[]) value).length));
            } else if (value instanceof Bytes) {
                saveBytes((Bytes) value);
            } else if (value instanceof Global) {
                saveGlobal((Global) value);
            } else if (value instanceof PersistentRef) {
                save(((PersistentRef) value).id());
                out.write('Q');
            } else if (value instanceof Tuple) {
                saveTuple((Tuple) value);
            } else if (value instanceof List) {
                saveList((List<?>) value);
            } else if (value instanceof Map) {
                saveDict((Map<?, ?>) value);
            } else {
                throw new IllegalArgumentException("cannot pickle " + value.getClass().getName());
            }
        }

        private void saveBoolean(boolean value) {
            if (protocol >= 2) {
                out.write(value ? 0x88 : 0x89);
            } else {
                writeAscii(value ? "I01\n" : "I00\n");
            }
        }

        private void saveLong(long value) {
            if (value >= 0 && value < 0x100) {
                out.write('K');
                out.write((int) value);
            } else if (value >= 0 && value < 0x10000) {
                out.write('M');
                out.write((int) value & 0xFF);
                out.write((int) (value >> 8) & 0xFF);
            } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                out.write('J');
                writeInt32((int) value);
            } else {
                writeAscii("L" + value + "L\n");
            }
        }

        private void saveString(String value) {
            if (getFromMemo(value)) {
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (protocol >= 2) {
                out.write('X');
                writeInt32(utf8.length);
            } else if (utf8.length < 0x100) {
                // Python 2 writes ids and titles as byte strings
                out.write('U');
                out.write(utf8.length);
            } else {
                out.write('T');
                writeInt32(utf8.length);
            }
            out.writeBytes(utf8);
            putInMemo(value);
        }

        private void saveBytes(Bytes value) {
            int length = value.length();
            if (protocol >= 3) {
                if (length < 0x100) {
                    out.write('C');
                    out.write(length);
                } else {
                    out.write('B');
                    writeInt32(length);
                }
            } else if (length < 0x100) {
                out.write('U');
                out.write(length);
            } else {
                out.write('T');
                writeInt32(length);
            }
            if (length >= SPLICE_MIN) {
                splices.add(new Splice(out.size(), value));
                splicedLength += length;
            } else {
                out.write(value.array, value.offset, length);
            }
            putInMemo(new ContentKey(value));
        }

        private void saveGlobal(Global global) {
            if (getFromMemo(global)) {
                return;
            }
            out.write('c');
            writeAscii(global.module() + "\n" + global.name() + "\n");
            putInMemo(global);
        }

        private void saveTuple(Tuple tuple) {
            List<Object> items = tuple.items();
            if (items.isEmpty()) {
                out.write(')');
                return;
            }
            if (protocol >= 2 && items.size() <= 3) {
                items.forEach(this::save);
                out.write(new byte[] {(byte) 0x85, (byte) 0x86, (byte) 0x87}[items.size() - 1]);
            } else {
                out.write('(');
                items.forEach(this::save);
                out.write('t');
            }
            putInMemo(new Identity(tuple));
        }

        private void saveList(List<?> list) {
            out.write(']');
            putInMemo(new Identity(list));
            if (list.size() == 1) {
                save(list.get(0));
                out.write('a');
            } else if (!list.isEmpty()) {
                out.write('(');
                list.forEach(this::save);
                out.write('e');
            }
        }

        private void saveDict(Map<?, ?> dict) {
            out.write('}');
            putInMemo(new Identity(dict));
            if (dict.size() == 1) {
                Map.Entry<?, ?> entry = dict.entrySet().iterator().next();
                save(entry.getKey());
                save(entry.getValue());
                out.write('s');
            } else if (!dict.isEmpty()) {
                int inBatch = 0;
                out.write('(');
                for (Map.Entry<?, ?> entry : dict.entrySet()) {
                    if (inBatch == 1000) {
                        out.write('u');
                        out.write('(');
                        inBatch = 0;
                    }
                    save(entry.getKey());
                    save(entry.getValue());
                    inBatch++;
                }
                out.write('u');
            }
        }

        private boolean getFromMemo(Object key) {
            Integer index = memo.get(key);
            if (index == null) {
                return false;
            }
            if (index < 0x100) {
                out.write('h');
                out.write(index);
            } else {
                out.write('j');
                writeInt32(index);
            }
            return true;
        }

        private void putInMemo(Object key) {
            int index = memo.size();
            memo.put(key, index);
            if (index < 0x100) {
                out.write('q');
                out.write(index);
            } else {
                out.write('r');
                writeInt32(index);
            }
        }

        private void writeInt32(int value) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        private void writeAscii(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** A large bytes value that belongs at position {@code at} of {@link #out}. */
        private record Splice(int at, Bytes data) {
        }

        /** The pickle bytes other than the large bytes values. */
        private static final class Buffer extends ByteArrayOutputStream {
            Buffer() {
                super(256);
            }

            void writeTo(OutputStream target, int from, int to) throws IOException {
                target.write(buf, from, to - from);
            }
        }
    }

    /**
     * Memo key for bytes values: equal by content, as the pickler has always keyed them, but hashed from the
     * length and the first bytes only, so that a 64 KiB value is not read whole for a hash. Equal lengths with equal
     * first bytes are rare among the values of one record, and {@link Bytes#equals} then still decides.
     */
    private static final class ContentKey {
        private static final int HASHED = 64;

        private final Bytes bytes;

        ContentKey(Bytes bytes) {
            this.bytes = bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ContentKey && bytes.equals(((ContentKey) other).bytes);
        }

        @Override
        public int hashCode() {
            return 31 * bytes.length() + bytes.hash(Math.min(bytes.length(), HASHED));
        }
    }

    /** Memo key for containers: Python memoizes them by identity, not by value. */
    private static final class Identity {
        private final Object target;

        Identity(Object target) {
            this.target = target;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }

    /**
     * Reads consecutive pickles from one record, sharing the memo between them as ZODB's unpickler does.
     * Strings must be valid UTF-8, as Python 3 requires; a damaged pickle fails with {@link PickleException}.
     */
    static final class Reader {
        private static final Object MARK = new Object();

        private final ByteBuffer in;
        private final Map<Integer, Object> memo = new HashMap<>();

        Reader(byte[] record) {
            this(record, 0, record.length);
        }

        /** Reads the record {@code array[offset]} to {@code array[offset + length - 1]}, which must not change. */
        Reader(byte[] array, int offset, int length) {
            this.in = ByteBuffer.wrap(array, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean hasMore() {
            return in.hasRemaining();
        }

        /** Reads the next pickle up to and including its STOP opcode. */
        Object load() throws PickleException {
            List<Object> stack = new ArrayList<>();
            try {
                while (true) {
                    int opcode = in.get() & 0xFF;
                    if (opcode == '.') {
                        if (stack.size() != 1) {
                            throw new PickleException("STOP with " + stack.size() + " values on the stack");
                        }
                        return stack.get(0);
                    }
                    step(opcode, stack);
                }
            } catch (RuntimeException e) {
                // a damaged pickle shows as an underflow, a bad cast or a bad number: all mean the same here
                throw new PickleException("damaged pickle near offset " + in.position() + ": " + e);
            }
        }

        @SuppressWarnings("unchecked")
        private void step(int opcode, List<Object> stack) throws PickleException {
            switch (opcode) {
                case 0x80: // PROTO
                    in.get();
                    break;
                case 0x95: // FRAME
                    in.getLong();
                    break;
                case '(':
                    stack.add(MARK);
                    break;
                case 'N':
                    stack.add(null);
                    break;
                case 0x88:
                    stack.add(Boolean.TRUE);
                    break;
                case 0x89:
                    stack.add(Boolean.FALSE);
                    break;
                case 'K':
                    stack.add((long) (in.get() & 0xFF));
                    break;
                case 'M':
                    stack.add((long) (in.getShort() & 0xFFFF));
                    break;
                case 'J':
                    stack.add((long) in.getInt());
                    break;
                case 0x8a: // LONG1
                    stack.add(readLong(in.get() & 0xFF));
                    break;
                case 0x8b: // LONG4
                    stack.add(readLong(length(in.getInt())));
                    break;
                case 'I':
                    stack.add(parseIntLine(line()));
                    break;
                case 'L':
                    stack.add(Long.parseLong(line().replace("L", "")));
                    break;
                case 'G':
                    stack.add(in.order(ByteOrder.BIG_ENDIAN).getDouble());
                    in.order(ByteOrder.LITTLE_ENDIAN);
                    break;
                case 'F':
                    stack.add(Double.parseDouble(line()));
                    break;
                case 'X':
                    stack.add(utf8(bytes(length(in.getInt()))));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    stack.add(utf8(bytes(in.get() & 0xFF)));
                    break;
                case 0x8d: // BINUNICODE8
                    stack.add(utf8(bytes(length(in.getLong()))));
                    break;
                case 'V':
                    stack.add(line());
                    break;
                case 'T':
                case 'B':
                    stack.add(view(length(in.getInt())));
                    break;
                case 'U':
                case 'C':
                    stack.add(view(in.get() & 0xFF));
                    break;
                case 0x8e: // BINBYTES8
                    stack.add(view(length(in.getLong())));
                    break;
                case 'S':
                    stack.add(new Bytes(line().getBytes(StandardCharsets.ISO_8859_1)));
                    break;
                case '}':
                    stack.add(new LinkedHashMap<>());
                    break;
                case ']':
                    stack.add(new ArrayList<>());
                    break;
                case ')':
                    stack.add(new Tuple(List.of()));
                    break;
                case 'd':
                    stack.add(toDict(popMark(stack)));
                    break;
                case 'l':
                    stack.add(new ArrayList<>(popMark(stack)));
                    break;
                case 't':
                    stack.add(new Tuple(popMark(stack)));
                    break;
                case 0x85:
                case 0x86:
                case 0x87:
                    stack.add(new Tuple(popTop(stack, opcode - 0x84)));
                    break;
                case 's': {
                    Object value = pop(stack);
                    Object key = pop(stack);
                    ((Map<Object, Object>) top(stack)).put(key, value);
                    break;
                }
                case 'u': {
                    Map<Object, Object> items = toDict(popMark(stack));
                    ((Map<Object, Object>) top(stack)).putAll(items);
                    break;
                }
                case 'a': {
                    Object value = pop(stack);
                    ((List<Object>) top(stack)).add(value);
                    break;
                }
                case 'e': {
                    List<Object> items = popMark(stack);
                    ((List<Object>) top(stack)).addAll(items);
                    break;
                }
                case 'q':
                    memo.put(in.get() & 0xFF, top(stack));
                    break;
                case 'r':
                    memo.put(in.getInt(), top(stack));
                    break;
                case 'p':
                    memo.put(Integer.parseInt(line()), top(stack));
                    break;
                case 0x94: // MEMOIZE
                    memo.put(memo.size(), top(stack));
                    break;
                case 'h':
                    stack.add(memoGet(in.get() & 0xFF));
                    break;
                case 'j':
                    stack.add(memoGet(in.getInt()));
                    break;
                case 'g':
                    stack.add(memoGet(Integer.parseInt(line())));
                    break;
                case 'c':
                    stack.add(new Global(line(), line()));
                    break;
                case 0x93: { // STACK_GLOBAL
                    Object name = pop(stack);
                    stack.add(new Global((String) pop(stack), (String) name));
                    break;
                }
                case 'Q':
                    stack.add(new PersistentRef(pop(stack)));
                    break;
                case 'P':
                    stack.add(new PersistentRef(line()));
                    break;
                case 'R':
                case 0x81: { // REDUCE, NEWOBJ
                    Object args = pop(stack);
                    stack.add(new Reduced(pop(stack), args, null));
                    break;
                }
                case 'b': { // BUILD
                    Object state = pop(stack);
                    Object target = pop(stack);
                    if (target instanceof Reduced) {
                        Reduced reduced = (Reduced) target;
                        stack.add(new Reduced(reduced.callable(), reduced.args(), state));
                    } else {
                        stack.add(new Reduced(target, null, state));
                    }
                    break;
                }
                case '0':
                    pop(stack);
                    break;
                case '2':
                    stack.add(top(stack));
                    break;
                case '1':
                    popMark(stack);
                    break;
                default:
                    throw new PickleException(String.format("unsupported pickle opcode 0x%02x at offset %d",
                            opcode, in.position() - 1));
            }
        }

        private Object memoGet(int index) throws PickleException {
            if (!memo.containsKey(index)) {
                throw new PickleException("memo key " + index + " was never stored");
            }
            return memo.get(index);
        }

        private static Object top(List<Object> stack) throws PickleException {
            if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
                throw new PickleException("empty pickle stack");
            }
            return stack.get(stack.size() - 1);
        }

        private static Object pop(List<Object> stack) throws PickleException {
            Object value = top(stack);
            stack.remove(stack.size() - 1);
            return value;
        }

        private static List<Object> popTop(List<Object> stack, int count) throws PickleException {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(0, pop(stack));
            }
            return items;
        }

        private static List<Object> popMark(List<Object> stack) throws PickleException {
            int mark = stack.lastIndexOf(MARK);
            if (mark < 0) {
                throw new PickleException("no MARK on the pickle stack");
            }
            List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
            stack.subList(mark, stack.size()).clear();
            return items;
        }

        private static Map<Object, Object> toDict(List<Object> items) throws PickleException {
            if (items.size() % 2 != 0) {
                throw new PickleException("odd number of dictionary items");
            }
            Map<Object, Object> dict = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i += 2) {
                dict.put(items.get(i), items.get(i + 1));
            }
            return dict;
        }

        private int length(long value) throws PickleException {
            if (value < 0 || value > in.remaining()) {
                throw new PickleException("length " + value + " beyond the end of the record");
            }
            return (int) value;
        }

        private byte[] bytes(int count) {
            byte[] data = new byte[count];
            in.get(data);
            return data;
        }

        /** The next {@code count} bytes as a view of the record, failing as {@link #bytes} does. */
        private Bytes view(int count) {
            if (count > in.remaining()) {
                throw new BufferUnderflowException();
            }
            Bytes value = Bytes.view(in.array(), in.arrayOffset() + in.position(), count);
            in.position(in.position() + count);
            return value;
        }

        private Object readLong(int count) throws PickleException {
            byte[] littleEndian = bytes(length(count));
            byte[] bigEndian = new byte[littleEndian.length];
            for (int i = 0; i < littleEndian.length; i++) {
                bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
            }
            BigInteger value = bigEndian.length == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        private static Object parseIntLine(String text) {
            if ("01".equals(text)) {
                return Boolean.TRUE;
            }
            if ("00".equals(text)) {
                return Boolean.FALSE;
            }
            return Long.parseLong(text);
        }

        private String line() throws PickleException {
            int start = in.position();
            while (in.get() != '\n') {
                // scan to the end of the line
            }
            int base = in.arrayOffset();
            byte[] data = Arrays.copyOfRange(in.array(), base + start, base + in.position() - 1);
            return utf8(data);
        }

        private static String utf8(byte[] data) throws PickleException {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                throw new PickleException("UnicodeDecodeError: not UTF-8: " + e.getMessage());
            }
        }
    }

    /** Python's truth value of a decoded pickle value, as far as the double needs it. */
    static boolean isTrue(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue() != 0;
        }
        if (value instanceof String) {
            return !((String) value).isEmpty();
        }
        return !Objects.equals(value, new Bytes(new byte[0]));
    }
}
