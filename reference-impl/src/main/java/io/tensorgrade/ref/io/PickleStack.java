package io.tensorgrade.ref.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * The stack, the marks and the memo of the pickle machine, within {@link PickleLimits}. One flat
 * stack with mark positions stands for Python's stack of stacks: popping below the last mark is an
 * underflow, as in CPython.
 */
final class PickleStack {
    private final PickleLimits limits;
    private final ArrayList<Object> stack = new ArrayList<>();
    // A HashMap, not an array indexed by position: LONG_BINPUT 4294967295 must not allocate 4 billion slots.
    private final HashMap<Long, Object> memo = new HashMap<>();
    private int[] marks = new int[16];
    private int markCount;

    PickleStack(PickleLimits limits) {
        this.limits = limits;
    }

    void push(Object value) {
        if (stack.size() >= limits.maxStack()) {
            throw new PickleException("the stack grows past " + limits.maxStack() + " items");
        }
        stack.add(value);
    }

    Object pop() {
        checkNotEmpty();
        return stack.remove(stack.size() - 1);
    }

    Object peek() {
        checkNotEmpty();
        return stack.get(stack.size() - 1);
    }

    /** The top {@code n} items, oldest first, removed. */
    Object[] pop(int n) {
        if (stack.size() - base() < n) {
            throw new PickleException("stack underflow: " + n + " items needed");
        }
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = stack.remove(stack.size() - 1);
        }
        return items;
    }

    /** Whether there are items above the last mark (the POP opcode pops a mark otherwise). */
    boolean hasItemsAboveMark() {
        return stack.size() > base();
    }

    void pushMark() {
        if (markCount >= limits.maxMarks()) {
            throw new PickleException("more than " + limits.maxMarks() + " nested MARKs");
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = stack.size();
    }

    /** The items above the last mark, removed from the stack together with the mark. */
    List<Object> popMark() {
        if (markCount == 0) {
            throw new PickleException("no MARK to pop to");
        }
        int from = marks[--markCount];
        List<Object> view = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(view);
        view.clear();
        return items;
    }

    void memoPut(long index) {
        if (!memo.containsKey(index) && memo.size() >= limits.maxMemo()) {
            throw new PickleException("the memo grows past " + limits.maxMemo() + " entries");
        }
        memo.put(index, peek());
    }

    /** MEMOIZE: stores the top under the next free index. */
    void memoize() {
        memoPut(memo.size());
    }

    void memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new PickleException("memo entry " + index + " was never stored");
        }
        push(memo.get(index));
    }

    private int base() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private void checkNotEmpty() {
        if (stack.size() <= base()) {
            throw new PickleException("stack underflow");
        }
    }
}
