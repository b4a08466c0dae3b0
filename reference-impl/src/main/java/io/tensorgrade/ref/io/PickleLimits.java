package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;

/**
 * Structural limits of the pickle machine, far above what PyTorch or numpy write (a ResNet state_dict
 * uses a few thousand memo entries) and far below what exhausts memory. Allocation is limited
 * separately by a {@link Budget}.
 *
 * @param maxMemo      memo entries (PUT, BINPUT, MEMOIZE)
 * @param maxStack     items on the stack, all marks together
 * @param maxMarks     open MARKs at once (nesting depth of tuples, lists and dicts being built)
 * @param maxIntDigits digits of a text INT/LONG, bytes of a LONG1/LONG4 (big numbers parse in quadratic time)
 */
record PickleLimits(int maxMemo, int maxStack, int maxMarks, int maxIntDigits) {
    static final PickleLimits DEFAULT = new PickleLimits(100_000, 1_000_000, 1_000, 1_000);

    PickleLimits {
        if (maxMemo <= 0 || maxStack <= 0 || maxMarks <= 0 || maxIntDigits <= 0) {
            throw new RefException("pickle limits must be positive: memo=" + maxMemo + ", stack=" + maxStack
                    + ", marks=" + maxMarks + ", digits=" + maxIntDigits);
        }
    }
}
