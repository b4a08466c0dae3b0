package io.tensorgrade.ref.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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
            case 0x85, 0x86, 0x87 -> push(new PyTuple(stack.pop(op - 0x84)));
            case 't' -> push(PickleContainers.tuple(popMark(), budget));
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(PickleContainers.list(popMark(), budget));
            case 'a' -> {
                Object value = pop();
                PickleContainers.append(peek(), Collections.singletonList(value), budget);
            }
            case 'e' -> {
                List<Object> items = popMark();
                PickleContainers.append(peek(), items, budget);
            }
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> push(PickleContainers.dict(popMark(), budget));
            case 's' -> {
                Object value = pop();
                Object key = pop();
                PickleContainers.setItems(peek(), Arrays.asList(key, value), budget);
            }
            case 'u' -> {
                List<Object> items = popMark();
                PickleContainers.setItems(peek(), items, budget);
            }
            case 0x8f -> push(new LinkedHashSet<>());
            case 0x90 -> {
                List<Object> items = popMark();
                PickleContainers.addItems(peek(), items, budget);
            }
            case 0x91 -> push(PickleContainers.frozenset(popMark(), budget));
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
                push(PickleContainers.callable(pop(), "REDUCE").call(args.items()));
            }
            case 0x81 -> {
                PyTuple args = PyValues.tuple(pop(), "the arguments of NEWOBJ");
                push(PickleContainers.callable(pop(), "NEWOBJ").call(args.items()));
            }
            case 0x92 -> {
                Object kwargs = pop();
                PyTuple args = PyValues.tuple(pop(), "the arguments of NEWOBJ_EX");
                if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
                    throw new PickleException("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(PickleContainers.callable(pop(), "NEWOBJ_EX").call(args.items()));
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
                push(PickleContainers.callable(items.get(0), "OBJ").call(items.subList(1, items.size())));
            }
            case 'b' -> {
                Object state = pop();
                PickleContainers.build(state, peek());
            }
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
