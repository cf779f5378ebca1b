package dev.fakecluster.internal.scheduler;

import dev.fakecluster.internal.select.LabelSelector;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The last answer to "how many of this node's pods do these selectors select": consecutive pods of
 * one ReplicaSet ask the same question of every unchanged node, and a node's usage is replaced, not
 * modified, when its pods change. Only the scheduler's single thread uses it.
 */
final class SpreadCount {

    private String namespace;
    private List<LabelSelector> selectors;
    private long count;

    long get(String namespace, List<LabelSelector> selectors, LongSupplier compute) {
        if (!namespace.equals(this.namespace) || !selectors.equals(this.selectors)) {
            this.count = compute.getAsLong();
            this.namespace = namespace;
            this.selectors = List.copyOf(selectors);
        }
        return count;
    }

    /** A cache is not part of the value it caches: any two are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpreadCount;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "SpreadCount";
    }
}
