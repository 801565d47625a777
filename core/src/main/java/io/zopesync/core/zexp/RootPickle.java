package io.zopesync.core.zexp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Walks the two pickles of a .zexp's first record (class, then state) far enough to find the root object's class
 * and id. It understands the opcodes ZODB writes with pickle protocols 1 to 3 (and the few of protocol 4 that are
 * cheap to read) and builds plain values only: strings, numbers, lists, tuples, dictionaries and class names;
 * calls ({@code REDUCE}, {@code NEWOBJ}, {@code BUILD}) and persistent references stay opaque and are never
 * resolved. Strings longer than {@link #MAX_KEPT_STRING} and all {@code bytes} values are skipped unread, so
 * memory stays small whatever the record holds.
 *
 * <p>Not null-marked: the interpreter's stack holds Python's {@code None} as {@code null}.
 */
@NullUnmarked
final class RootPickle {
    /** Longer strings cannot be an id worth keeping; they are skipped. */
    static final int MAX_KEPT_STRING = 64 * 1024;
    private static final int MAX_VALUES = 1_000_000;
    private static final Object MARK = new Object();
    private static final Object OPAQUE = new Object();

    private record Global(String module, String name) {
    }

    private record Tuple(List<Object> items) {
    }

    /** Thrown inside the walk when an opcode is not understood; the walk then tries what it has seen so far. */
    private static final class UnknownOpcode extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownOpcode(String message) {
            super(message);
        }
    }

    private final ZexpReader.Input in;
    private final long end;
    private final String name;
    private final Map<Long, Object> memo = new HashMap<>();
    private int values;
    private String className;
    private String id;

    private RootPickle(ZexpReader.Input in, long length, String name) {
        this.in = in;
        this.end = in.getOffset() + length;
        this.name = name;
    }

    String getClassName() {
        return className;
    }

    /** The root object's id, or {@code null} if its state has neither {@code id} nor {@code __name__}. */
    @Nullable String getId() {
        return id;
    }

    /**
     * Reads the class and id from the record starting at the input's position; reads no further than the
     * record's {@code length} and may stop before its end.
     *
     * @throws ZexpFormatException if the record cannot be understood far enough
     */
    static RootPickle read(ZexpReader.Input in, long length, String name) throws IOException {
        RootPickle root = new RootPickle(in, length, name);
        root.walk();
        return root;
    }

    private void walk() throws IOException {
        List<Object> stack = new ArrayList<>();
        try {
            className = classNameOf(load(stack, false));
            stack.clear();
            Object state = load(stack, true);
            if (id == null) {
                id = idOf(state instanceof Tuple && !((Tuple) state).items().isEmpty()
                        ? ((Tuple) state).items().get(0) : state);
            }
        } catch (UnknownOpcode e) {
            if (className == null) {
                throw unreadable(e.getMessage() + " in the class pickle");
            }
            id = idSeenSoFar(stack);
            if (id == null) {
                throw unreadable(e.getMessage() + ", before the object's id");
            }
        } catch (EOFException e) {
            throw new ZexpFormatException("Truncated export file: " + name + " ends at byte " + in.getOffset()
                    + ", inside the first record");
        }
    }

    private ZexpFormatException unreadable(String detail) {
        return new ZexpFormatException("Unreadable root object: " + name + ": " + detail);
    }

    private static String classNameOf(Object meta) throws UnknownOpcode {
        Object klass = meta instanceof Tuple && !((Tuple) meta).items().isEmpty() ? ((Tuple) meta).items().get(0)
                : meta;
        if (klass instanceof Global) {
            return ((Global) klass).module() + "." + ((Global) klass).name();
        }
        if (klass instanceof Tuple && ((Tuple) klass).items().size() == 2
                && ((Tuple) klass).items().get(0) instanceof String
                && ((Tuple) klass).items().get(1) instanceof String) {
            return ((Tuple) klass).items().get(0) + "." + ((Tuple) klass).items().get(1);
        }
        throw new UnknownOpcode("the class pickle names no class");
    }

    /** Prefers {@code id}, else {@code __name__}, as OFS objects keep their id in one of them. */
    private static @Nullable String idOf(@Nullable Object state) {
        if (!(state instanceof Map)) {
            return null;
        }
        Map<?, ?> dict = (Map<?, ?>) state;
        if (dict.get("id") instanceof String) {
            return (String) dict.get("id");
        }
        return dict.get("__name__") instanceof String ? (String) dict.get("__name__") : null;
    }

    /**
     * After an unknown opcode: the state dictionary at the bottom of the stack holds the items of earlier
     * batches, and the key/value pairs above its MARK the items of the batch being read.
     */
    private static @Nullable String idSeenSoFar(List<Object> stack) {
        if (stack.isEmpty() || !(stack.get(0) instanceof Map)) {
            return null;
        }
        Map<Object, Object> seen = new LinkedHashMap<>((Map<?, ?>) stack.get(0));
        if (stack.size() > 1 && stack.get(1) == MARK) {
            for (int i = 2; i + 1 < stack.size(); i += 2) {
                if (stack.get(i) == MARK || stack.get(i + 1) == MARK) {
                    break;
                }
                seen.putIfAbsent(stack.get(i), stack.get(i + 1));
            }
        }
        return idOf(seen);
    }

    private Object load(List<Object> stack, boolean state) throws IOException, UnknownOpcode {
        while (true) {
            long at = in.getOffset();
            int opcode = nextByte();
            if (opcode == '.') {
                if (stack.size() != 1) {
                    throw new UnknownOpcode("STOP with " + stack.size() + " values on the stack at offset " + at);
                }
                return stack.get(0);
            }
            step(opcode, at, stack);
            if (++values > MAX_VALUES) {
                throw new UnknownOpcode("more than " + MAX_VALUES + " pickle operations");
            }
            if (state && stack.size() == 1 && (opcode == 's' || opcode == 'u')) {
                String found = idOf(stack.get(0));
                if (found != null && ((Map<?, ?>) stack.get(0)).get("id") instanceof String) {
                    // the id is known: the rest of the record need not be read
                    id = found;
                    return stack.get(0);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void step(int opcode, long at, List<Object> stack) throws IOException, UnknownOpcode {
        switch (opcode) {
            case 0x80: // PROTO
                nextByte();
                break;
            case 0x95: // FRAME
                skip(8);
                break;
            case '(':
                stack.add(MARK);
                break;
            case 'N':
                stack.add(null);
                break;
            case 0x88: // NEWTRUE
                stack.add(Boolean.TRUE);
                break;
            case 0x89: // NEWFALSE
                stack.add(Boolean.FALSE);
                break;
            case 'K': // BININT1
                stack.add((long) nextByte());
                break;
            case 'M': // BININT2
                stack.add((long) (nextByte() | nextByte() << 8));
                break;
            case 'J': // BININT
                stack.add((long) littleEndian(4).getInt());
                break;
            case 0x8a: // LONG1
                skip(nextByte());
                stack.add(OPAQUE);
                break;
            case 0x8b: // LONG4
                skip(length(littleEndian(4).getInt() & 0xFFFFFFFFL));
                stack.add(OPAQUE);
                break;
            case 'G': // BINFLOAT
                skip(8);
                stack.add(OPAQUE);
                break;
            case 'I': // INT, also Python 2's booleans I01 and I00
            case 'L': // LONG
            case 'F': // FLOAT
                line();
                stack.add(OPAQUE);
                break;
            case 'X': // BINUNICODE
                stack.add(text(length(littleEndian(4).getInt() & 0xFFFFFFFFL)));
                break;
            case 0x8c: // SHORT_BINUNICODE
                stack.add(text(nextByte()));
                break;
            case 0x8d: // BINUNICODE8
                stack.add(text(length(littleEndian(8).getLong())));
                break;
            case 'T': // BINSTRING: a Python 2 str, which is where Zope 2.13 keeps ids
                stack.add(text(length(littleEndian(4).getInt() & 0xFFFFFFFFL)));
                break;
            case 'U': // SHORT_BINSTRING
                stack.add(text(nextByte()));
                break;
            case 'B': // BINBYTES
                skip(length(littleEndian(4).getInt() & 0xFFFFFFFFL));
                stack.add(OPAQUE);
                break;
            case 'C': // SHORT_BINBYTES
                skip(nextByte());
                stack.add(OPAQUE);
                break;
            case 0x8e: // BINBYTES8
                skip(length(littleEndian(8).getLong()));
                stack.add(OPAQUE);
                break;
            case '}': // EMPTY_DICT
                stack.add(new LinkedHashMap<>());
                break;
            case ']': // EMPTY_LIST
                stack.add(new ArrayList<>());
                break;
            case ')': // EMPTY_TUPLE
                stack.add(new Tuple(List.of()));
                break;
            case 0x8f: // EMPTY_SET
                stack.add(new ArrayList<>());
                break;
            case 'd': // DICT
                stack.add(toDict(popMark(stack, at), at));
                break;
            case 'l': // LIST
                stack.add(new ArrayList<>(popMark(stack, at)));
                break;
            case 't': // TUPLE
                stack.add(new Tuple(popMark(stack, at)));
                break;
            case 0x91: // FROZENSET
                stack.add(new ArrayList<>(popMark(stack, at)));
                break;
            case 0x85: // TUPLE1
            case 0x86: // TUPLE2
            case 0x87: // TUPLE3
                stack.add(new Tuple(popTop(stack, opcode - 0x84, at)));
                break;
            case 's': { // SETITEM
                Object value = pop(stack, at);
                Object key = pop(stack, at);
                container(stack, Map.class, at).put(plainKey(key), value);
                break;
            }
            case 'u': { // SETITEMS
                Map<Object, Object> items = toDict(popMark(stack, at), at);
                container(stack, Map.class, at).putAll(items);
                break;
            }
            case 'a': { // APPEND
                Object value = pop(stack, at);
                container(stack, List.class, at).add(value);
                break;
            }
            case 'e': // APPENDS
            case 0x90: { // ADDITEMS
                List<Object> items = popMark(stack, at);
                container(stack, List.class, at).addAll(items);
                break;
            }
            case 'q': // BINPUT
                memo.put((long) nextByte(), top(stack, at));
                break;
            case 'r': // LONG_BINPUT
                memo.put(littleEndian(4).getInt() & 0xFFFFFFFFL, top(stack, at));
                break;
            case 'p': // PUT
                memo.put(parseIndex(line(), at), top(stack, at));
                break;
            case 0x94: // MEMOIZE
                memo.put((long) memo.size(), top(stack, at));
                break;
            case 'h': // BINGET
                stack.add(memoGet(nextByte(), at));
                break;
            case 'j': // LONG_BINGET
                stack.add(memoGet(littleEndian(4).getInt() & 0xFFFFFFFFL, at));
                break;
            case 'g': // GET
                stack.add(memoGet(parseIndex(line(), at), at));
                break;
            case 'c': // GLOBAL
                stack.add(new Global(line(), line()));
                break;
            case 0x93: { // STACK_GLOBAL
                Object global = pop(stack, at);
                Object module = pop(stack, at);
                stack.add(new Global(String.valueOf(module), String.valueOf(global)));
                break;
            }
            case 'Q': // BINPERSID: a reference to another record, never followed
                pop(stack, at);
                stack.add(OPAQUE);
                break;
            case 'P': // PERSID
                line();
                stack.add(OPAQUE);
                break;
            case 'R': // REDUCE
            case 0x81: // NEWOBJ
            case 'b': // BUILD
                pop(stack, at);
                pop(stack, at);
                stack.add(OPAQUE);
                break;
            case '0': // POP
                pop(stack, at);
                break;
            case '1': // POP_MARK
                popMark(stack, at);
                break;
            case '2': // DUP
                stack.add(top(stack, at));
                break;
            default:
                throw new UnknownOpcode(String.format("unsupported pickle opcode 0x%02x at offset %d", opcode, at));
        }
    }

    private int nextByte() throws IOException, UnknownOpcode {
        if (in.getOffset() >= end) {
            throw new UnknownOpcode("the pickle runs past the end of its record at offset " + end);
        }
        return in.readByte();
    }

    private ByteBuffer littleEndian(int count) throws IOException, UnknownOpcode {
        byte[] data = bytes(count);
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private byte[] bytes(int count) throws IOException, UnknownOpcode {
        if (count > end - in.getOffset()) {
            throw new UnknownOpcode("a value runs past the end of its record at offset " + end);
        }
        byte[] data = new byte[count];
        if (in.readFully(data) < count) {
            throw new EOFException();
        }
        return data;
    }

    private void skip(long count) throws IOException, UnknownOpcode {
        if (count > end - in.getOffset()) {
            throw new UnknownOpcode("a value runs past the end of its record at offset " + end);
        }
        if (in.skipFully(count) < count) {
            throw new EOFException();
        }
    }

    private long length(long value) throws UnknownOpcode {
        if (value < 0 || value > end - in.getOffset()) {
            throw new UnknownOpcode("a length of " + Long.toUnsignedString(value) + " runs past the end of the "
                    + "record at offset " + in.getOffset());
        }
        return value;
    }

    /** Decodes UTF-8 leniently: a damaged string must not hide the structure, see {@link ZexpReader}. */
    private Object text(long count) throws IOException, UnknownOpcode {
        if (count > MAX_KEPT_STRING) {
            skip(count);
            return OPAQUE;
        }
        return new String(bytes((int) count), StandardCharsets.UTF_8);
    }

    private String line() throws IOException, UnknownOpcode {
        byte[] collected = new byte[256];
        int size = 0;
        while (true) {
            int b = nextByte();
            if (b == '\n') {
                return new String(collected, 0, size, StandardCharsets.UTF_8);
            }
            if (size == collected.length) {
                if (size >= MAX_KEPT_STRING) {
                    throw new UnknownOpcode("a text line longer than " + MAX_KEPT_STRING + " bytes");
                }
                collected = Arrays.copyOf(collected, size * 2);
            }
            collected[size++] = (byte) b;
        }
    }

    private static long parseIndex(String text, long at) throws UnknownOpcode {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UnknownOpcode("a memo index that is no number at offset " + at);
        }
    }

    private Object memoGet(long index, long at) throws UnknownOpcode {
        if (!memo.containsKey(index)) {
            throw new UnknownOpcode("memo entry " + index + " read before it was stored, at offset " + at);
        }
        return memo.get(index);
    }

    private static Object top(List<Object> stack, long at) throws UnknownOpcode {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new UnknownOpcode("an opcode without its value at offset " + at);
        }
        return stack.get(stack.size() - 1);
    }

    private static Object pop(List<Object> stack, long at) throws UnknownOpcode {
        Object value = top(stack, at);
        stack.remove(stack.size() - 1);
        return value;
    }

    private static List<Object> popTop(List<Object> stack, int count, long at) throws UnknownOpcode {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(0, pop(stack, at));
        }
        return items;
    }

    private static List<Object> popMark(List<Object> stack, long at) throws UnknownOpcode {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw new UnknownOpcode("no MARK for the opcode at offset " + at);
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private static Map<Object, Object> toDict(List<Object> items, long at) throws UnknownOpcode {
        if (items.size() % 2 != 0) {
            throw new UnknownOpcode("a dictionary with a key but no value at offset " + at);
        }
        Map<Object, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(plainKey(items.get(i)), items.get(i + 1));
        }
        return dict;
    }

    /**
     * Only strings and numbers are kept as keys, since only they can name an attribute; any other key becomes a
     * key of its own, so a container holding itself can never make hashing recurse.
     */
    private static Object plainKey(Object key) {
        return key == null || key instanceof String || key instanceof Long || key instanceof Boolean
                ? key : new Object();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> T container(List<Object> stack, Class<T> type, long at) throws UnknownOpcode {
        Object target = top(stack, at);
        if (!type.isInstance(target)) {
            if (target == OPAQUE) {
                // items added to an object built by a call: kept nowhere
                return (T) (type == Map.class ? new HashMap() : new ArrayList());
            }
            throw new UnknownOpcode("items added to something that is no " + type.getSimpleName() + " at offset "
                    + at);
        }
        return (T) target;
    }
}
