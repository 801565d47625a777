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

/**
 * The pickle opcodes ZODB writes with protocols 1 to 3 (and the few of protocol 4 that are cheap to read), run on a
 * stack of plain values: strings, numbers, lists, {@link Tuple}s, dictionaries and {@link Global} class names. It
 * never imports, calls or instantiates anything. Two modes:
 * <ul>
 * <li>lean ({@link RootPickle}): bytes, numbers other than small ints, persistent references and calls become
 * {@link #OPAQUE}, and strings longer than {@link RootPickle#MAX_KEPT_STRING} are skipped unread;</li>
 * <li>full ({@link ZexpContent}): bytes, numbers, {@link Ref}s and {@link Call}s are kept as values, up to
 * {@link #MAX_KEPT_VALUE} bytes each (longer ones become {@link Skipped}).</li>
 * </ul>
 * Reads no further than its record's end. Not thread-safe: one per pickle. Not null-marked: the stack holds
 * Python's {@code None} as {@code null}.
 */
@NullUnmarked
final class PickleMachine {
    /** The longest string or bytes value the full mode keeps. */
    static final int MAX_KEPT_VALUE = 16 * 1024 * 1024;
    static final Object MARK = new Object();
    static final Object OPAQUE = new Object();

    /** A class, as {@code GLOBAL} names it. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    record Tuple(List<Object> items) {
    }

    /** A {@code bytes} value (full mode). */
    record Bytes(byte[] data) {
    }

    /** A value too long to keep, of that many bytes (full mode). */
    record Skipped(long length) {
    }

    /** A persistent reference to another record: its pid, usually {@code (oid bytes, class)} (full mode). */
    record Ref(Object pid) {
    }

    /** An object built by a call ({@code REDUCE}, {@code NEWOBJ}), with its {@code BUILD} state if any (full mode). */
    record Call(Object callable, Object args, Object state) {
    }

    /** Thrown inside the walk when an opcode is not understood. */
    static final class UnknownOpcode extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownOpcode(String message) {
            super(message);
        }
    }

    private final ZexpReader.Input in;
    private final long end;
    private final boolean full;
    private final Map<Long, Object> memo = new HashMap<>();

    PickleMachine(ZexpReader.Input in, long end, boolean full) {
        this.in = in;
        this.end = end;
        this.full = full;
    }

    @SuppressWarnings("unchecked")
    void step(int opcode, long at, List<Object> stack) throws IOException, UnknownOpcode {
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
            case 0x8a: { // LONG1
                byte[] digits = bytes(nextByte());
                stack.add(full && digits.length <= 8 ? littleEndianLong(digits) : OPAQUE);
                break;
            }
            case 0x8b: // LONG4
                skip(length(littleEndian(4).getInt() & 0xFFFFFFFFL));
                stack.add(OPAQUE);
                break;
            case 'G': // BINFLOAT
                if (full) {
                    stack.add(ByteBuffer.wrap(bytes(8)).getDouble());
                } else {
                    skip(8);
                    stack.add(OPAQUE);
                }
                break;
            case 'I': // INT, also Python 2's booleans I01 and I00
            case 'L': // LONG
            case 'F': { // FLOAT
                String number = line();
                stack.add(full ? number(opcode, number) : OPAQUE);
                break;
            }
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
                stack.add(binary(length(littleEndian(4).getInt() & 0xFFFFFFFFL)));
                break;
            case 'C': // SHORT_BINBYTES
                stack.add(binary(nextByte()));
                break;
            case 0x8e: // BINBYTES8
                stack.add(binary(length(littleEndian(8).getLong())));
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
            case 'Q': { // BINPERSID: a reference to another record, never followed here
                Object pid = pop(stack, at);
                stack.add(full ? new Ref(pid) : OPAQUE);
                break;
            }
            case 'P': { // PERSID
                String pid = line();
                stack.add(full ? new Ref(pid) : OPAQUE);
                break;
            }
            case 'R': // REDUCE
            case 0x81: { // NEWOBJ
                Object args = pop(stack, at);
                Object callable = pop(stack, at);
                stack.add(full ? new Call(callable, args, null) : OPAQUE);
                break;
            }
            case 'b': { // BUILD
                Object state = pop(stack, at);
                Object built = pop(stack, at);
                stack.add(full && built instanceof Call call ? new Call(call.callable(), call.args(), state) : OPAQUE);
                break;
            }
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

    int nextByte() throws IOException, UnknownOpcode {
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
        if (count > (full ? MAX_KEPT_VALUE : RootPickle.MAX_KEPT_STRING)) {
            skip(count);
            return full ? new Skipped(count) : OPAQUE;
        }
        return new String(bytes((int) count), StandardCharsets.UTF_8);
    }

    /** Bytes: kept in full mode (up to {@link #MAX_KEPT_VALUE}), else skipped. */
    private Object binary(long count) throws IOException, UnknownOpcode {
        if (!full || count > MAX_KEPT_VALUE) {
            skip(count);
            return full ? new Skipped(count) : OPAQUE;
        }
        return new Bytes(bytes((int) count));
    }

    private static Object number(int opcode, String text) {
        String trimmed = text.trim();
        try {
            if (opcode == 'F') {
                return Double.parseDouble(trimmed);
            }
            if (opcode == 'I' && (trimmed.equals("00") || trimmed.equals("01"))) {
                return trimmed.equals("01");
            }
            return Long.parseLong(trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        } catch (NumberFormatException e) {
            return OPAQUE;
        }
    }

    private static Object littleEndianLong(byte[] digits) {
        long value = 0;
        for (int i = digits.length - 1; i >= 0; i--) {
            value = value << 8 | (digits[i] & 0xFF);
        }
        if (digits.length > 0 && digits.length < 8 && (digits[digits.length - 1] & 0x80) != 0) {
            value -= 1L << (8 * digits.length);
        }
        return value;
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
                if (size >= RootPickle.MAX_KEPT_STRING) {
                    throw new UnknownOpcode("a text line longer than " + RootPickle.MAX_KEPT_STRING + " bytes");
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

    static Object top(List<Object> stack, long at) throws UnknownOpcode {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new UnknownOpcode("an opcode without its value at offset " + at);
        }
        return stack.get(stack.size() - 1);
    }

    static Object pop(List<Object> stack, long at) throws UnknownOpcode {
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
