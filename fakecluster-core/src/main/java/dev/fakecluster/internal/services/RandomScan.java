package dev.fakecluster.internal.services;

import java.util.Random;
import java.util.function.IntPredicate;

/**
 * kube-apiserver's {@code randomScanStrategyWithOffset} (pkg/registry/core/service/allocator):
 * a random start in the upper band {@code [offset, max)}, scanning upwards and wrapping; only when
 * that band is full the same in the lower band {@code [0, offset)}, which is left for values users
 * ask for by number.
 */
final class RandomScan {

    private RandomScan() {
    }

    /** A free slot in {@code [0, max)}, or -1 when every slot is taken. */
    static int pick(int max, int offset, IntPredicate taken, Random random) {
        int upper = max - offset;
        if (upper > 0) {
            int start = random.nextInt(upper);
            for (int i = 0; i < upper; i++) {
                int at = offset + (start + i) % upper;
                if (!taken.test(at)) {
                    return at;
                }
            }
        }
        if (offset > 0) {
            int start = random.nextInt(offset);
            for (int i = 0; i < offset; i++) {
                int at = (start + i) % offset;
                if (!taken.test(at)) {
                    return at;
                }
            }
        }
        return -1;
    }
}
