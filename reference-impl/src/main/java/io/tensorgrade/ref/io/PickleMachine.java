package io.tensorgrade.ref.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pickle virtual machine, protocols 0 to 5, with nothing executable: GLOBAL and STACK_GLOBAL go
 * through {@link PickleGlobals} (an allow-list of Java stand-ins), REDUCE/NEWOBJ/INST/OBJ call only
 * those stand-ins, BUILD only reaches objects they made. The machine has no loops or jumps, so its
 * running time is linear in the input; memory is bounded by {@link PickleLimits} and a {@link Budget}.
 *
 * <p>Values: None is null, bool Boolean, int Long (BigInteger beyond 64 bits), float Double, str
 * String, bytes/bytearray {@link PyBytes}, tuple {@link PyTuple}, list ArrayList, dict LinkedHashMap,
 * set/frozenset LinkedHashSet.
 */
final class PickleMachine {
    /** Resolves a persistent id (PERSID, BINPERSID), e.g. a PyTorch storage. */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object pid);
    }

    /** Charged per opcode: the objects one opcode can create (a boxed int, an empty dict, a stack slot). */
    private static final int OPCODE_COST = 64;

    private final PickleInput in;
    private final PickleGlobals globals;
    private final PersistentLoader persistent;
    private final Budget budget;
    private final PickleLimits limits;
    private final PickleStack stack;
    private final PickleScalars scalars;

    PickleMachine(byte[] bytes, int start, PickleGlobals globals, PersistentLoader persistent, Budget budget,
            PickleLimits limits) {
        this.in = new PickleInput(bytes, start);
        this.globals = globals;
        this.persistent = persistent;
        this.budget = budget;
        this.limits = limits;
        this.stack = new PickleStack(limits);
        this.scalars = new PickleScalars(in, budget, limits);
    }

    /** Runs to the STOP opcode and returns the value it leaves; {@link #position()} is then just after it. */
    Object run() {
        while (true) {
            if (in.atEnd()) {
                throw new PickleException("the pickle ends without a STOP opcode (truncated file?)");
            }
            int at = in.position();
            int op = in.u8();
            try {
                budget.charge(OPCODE_COST, "unpickling");
                if (op == '.') {
                    return pop();
                }
                step(op);
            } catch (PickleException e) {
                if (e.continuesName()) {
                    throw e;
                }
                throw new PickleException(e.getMessage() + " (" + PickleOpcodes.describe(op) + " at byte " + at + ")");
            }
        }
    }

    /** The byte after the STOP opcode (legacy PyTorch files hold several pickles in a row). */
    int position() {
        return in.position();
    }

    private void step(int op) {
        Object scalar = scalars.read(op);
        if (scalar != PickleScalars.NOT_A_SCALAR) {
            push(scalar);
            return;
        }
        switch (op) {
            case 0x80 -> {
                int proto = in.u8();
                if (proto > 5) {
                    throw new PickleException("unsupported pickle protocol " + proto + " (supported: 0 to 5)");
                }
            }
            case 0x95 -> in.checkAvailable(in.s64(), "a FRAME");
            case '(' -> stack.pushMark();
            case '0' -> {
                if (stack.hasItemsAboveMark()) {
                    pop();
                } else {
                    popMark();
                }
            }
            case '1' -> popMark();
            case '2' -> push(peek());
            case ')' -> push(PyTuple.EMPTY);
            case 0x85, 0x86, 0x87 -> tupleOf(op - 0x84);
            case 't' -> push(tuple(popMark()));
            case ']' -> push(new ArrayList<>());
            case 'l' -> {
                List<Object> items = popMark();
                budget.charge(8L * items.size(), "a list");
                push(new ArrayList<>(items));
            }
            case 'a' -> appendTo(pop(), null);
            case 'e' -> {
                List<Object> items = popMark();
                appendTo(null, items);
            }
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putAll(dict, popMark());
                push(dict);
            }
            case 's' -> {
                Object value = pop();
                Object key = pop();
                putAll(dictAtTop(), pair(key, value));
            }
            case 'u' -> {
                List<Object> items = popMark();
                putAll(dictAtTop(), items);
            }
            case 0x8f -> push(new LinkedHashSet<>());
            case 0x90 -> addAll(popMark());
            case 0x91 -> {
                Set<Object> set = new LinkedHashSet<>();
                for (Object item : popMark()) {
                    set.add(hashable(item, "a frozenset element"));
                }
                push(Collections.unmodifiableSet(set));
            }
            case 'p' -> stack.memoPut(parseIndex(in.line("PUT")));
            case 'q' -> stack.memoPut(in.u8());
            case 'r' -> stack.memoPut(in.u32());
            case 0x94 -> stack.memoize();
            case 'g' -> stack.memoGet(parseIndex(in.line("GET")));
            case 'h' -> stack.memoGet(in.u8());
            case 'j' -> stack.memoGet(in.u32());
            case 'c' -> {
                String module = in.line("GLOBAL module");
                push(globals.resolve(module, in.line("GLOBAL name")));
            }
            case 0x93 -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL needs two strings, got " + PyValues.describe(module)
                            + " and " + PyValues.describe(name));
                }
                push(globals.resolve(m, n));
            }
            case 'R' -> {
                PyTuple args = PyValues.tuple(pop(), "the arguments of REDUCE");
                push(callable(pop(), "REDUCE").call(args.items()));
            }
            case 0x81 -> {
                PyTuple args = PyValues.tuple(pop(), "the arguments of NEWOBJ");
                push(callable(pop(), "NEWOBJ").call(args.items()));
            }
            case 0x92 -> {
                Object kwargs = pop();
                PyTuple args = PyValues.tuple(pop(), "the arguments of NEWOBJ_EX");
                if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
                    throw new PickleException("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(callable(pop(), "NEWOBJ_EX").call(args.items()));
            }
            case 'i' -> {
                String module = in.line("INST module");
                PyGlobal cls = globals.resolve(module, in.line("INST name"));
                push(cls.call(popMark()));
            }
            case 'o' -> {
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw new PickleException("OBJ without a class");
                }
                push(callable(items.get(0), "OBJ").call(items.subList(1, items.size())));
            }
            case 'b' -> build(pop(), peek());
            case 'P' -> push(loadPersistent(in.line("PERSID")));
            case 'Q' -> push(loadPersistent(pop()));
            case 0x82, 0x83, 0x84 -> throw new PickleException(
                    "uses the copyreg extension registry (EXT opcodes), which a data file may not use", true);
            case 0x97 -> throw new PickleException("uses an out-of-band buffer (NEXT_BUFFER), which a file "
                    + "cannot carry");
            case 0x98 -> peek(); // READONLY_BUFFER: read-only or not makes no difference here
            default -> throw new PickleException("unknown opcode 0x" + Integer.toHexString(op)
                    + " (not a pickle, or a corrupt one)");
        }
    }

    private static List<Object> pair(Object key, Object value) {
        List<Object> kv = new ArrayList<>(2);
        kv.add(key);
        kv.add(value);
        return kv;
    }

    private void tupleOf(int n) {
        push(new PyTuple(stack.pop(n)));
    }

    private PyTuple tuple(List<Object> items) {
        budget.charge(8L * items.size(), "a tuple");
        return new PyTuple(items.toArray());
    }

    @SuppressWarnings("unchecked")
    private void appendTo(Object single, List<Object> many) {
        Object target = peek();
        if (!(target instanceof ArrayList<?>)) {
            throw new PickleException("APPEND to " + PyValues.describe(target) + ", which is not a list");
        }
        List<Object> list = (List<Object>) target;
        if (many == null) {
            budget.charge(8, "a list");
            list.add(single);
        } else {
            budget.charge(8L * many.size(), "a list");
            list.addAll(many);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictAtTop() {
        Object target = peek();
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw new PickleException("SETITEM on " + PyValues.describe(target) + ", which is not a dict");
        }
        return (Map<Object, Object>) target;
    }

    private void putAll(Map<Object, Object> dict, List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw new PickleException("a dict needs keys and values in pairs, got " + keysAndValues.size() + " items");
        }
        budget.charge(48L * keysAndValues.size() / 2, "a dict");
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            dict.put(hashable(keysAndValues.get(i), "a dict key"), keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private void addAll(List<Object> items) {
        Object target = peek();
        if (!(target instanceof LinkedHashSet<?>)) {
            throw new PickleException("ADDITEMS to " + PyValues.describe(target) + ", which is not a set");
        }
        budget.charge(48L * items.size(), "a set");
        for (Object item : items) {
            ((Set<Object>) target).add(hashable(item, "a set element"));
        }
    }

    private static Object hashable(Object value, String what) {
        if (!PyTuple.isHashable(value)) {
            throw new PickleException(what + " is " + PyValues.describe(value) + ", which is unhashable");
        }
        return value;
    }

    private static PyGlobal callable(Object value, String opcode) {
        if (!(value instanceof PyGlobal g)) {
            throw new PickleException(opcode + " calls " + PyValues.describe(value) + ", which is not callable");
        }
        return g;
    }

    private void build(Object state, Object target) {
        if (target instanceof PyStateful s) {
            s.setState(state);
        } else if (target instanceof LinkedHashMap<?, ?> && (state == null || state instanceof Map<?, ?>)) {
            // An OrderedDict's instance attributes, e.g. a state_dict's _metadata (module versions): not needed.
            return;
        } else {
            throw new PickleException("BUILD sets the state of " + PyValues.describe(target) + ", which is not allowed");
        }
    }

    private Object loadPersistent(Object pid) {
        if (persistent == null) {
            throw new PickleException("refers to a persistent id, which this kind of file may not use", true);
        }
        return persistent.load(pid);
    }

    private void push(Object value) {
        stack.push(value);
    }

    private Object pop() {
        return stack.pop();
    }

    private Object peek() {
        return stack.peek();
    }

    private List<Object> popMark() {
        return stack.popMark();
    }

    private static long parseIndex(String line) {
        if (!line.matches("[0-9]{1,10}")) {
            throw new PickleException("bad memo index '" + PickleText.shorten(line) + "'");
        }
        return Long.parseLong(line);
    }
}
