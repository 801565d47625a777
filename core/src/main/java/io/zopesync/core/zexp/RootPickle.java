package io.zopesync.core.zexp;

import io.zopesync.core.zexp.PickleMachine.Global;
import io.zopesync.core.zexp.PickleMachine.Tuple;
import io.zopesync.core.zexp.PickleMachine.UnknownOpcode;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
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
 * memory stays small whatever the record holds. The opcodes are {@link PickleMachine}'s, in its lean mode.
 *
 * <p>Not null-marked: the interpreter's stack holds Python's {@code None} as {@code null}.
 */
@NullUnmarked
final class RootPickle {
    /** Longer strings cannot be an id worth keeping; they are skipped. */
    static final int MAX_KEPT_STRING = 64 * 1024;
    private static final int MAX_VALUES = 1_000_000;

    private final ZexpReader.Input in;
    private final PickleMachine machine;
    private final String name;
    private int values;
    private String className;
    private String id;

    private RootPickle(ZexpReader.Input in, long length, String name) {
        this.in = in;
        this.machine = new PickleMachine(in, in.getOffset() + length, false);
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
        if (stack.size() > 1 && stack.get(1) == PickleMachine.MARK) {
            for (int i = 2; i + 1 < stack.size(); i += 2) {
                if (stack.get(i) == PickleMachine.MARK || stack.get(i + 1) == PickleMachine.MARK) {
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
            int opcode = machine.nextByte();
            if (opcode == '.') {
                if (stack.size() != 1) {
                    throw new UnknownOpcode("STOP with " + stack.size() + " values on the stack at offset " + at);
                }
                return stack.get(0);
            }
            machine.step(opcode, at, stack);
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
}
