package dev.fakecluster.internal.persistent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * An immutable sorted map: every "change" returns a new map that shares all untouched nodes with
 * the old one.
 *
 * <p>Implementation note. This is an AVL tree with path copying. A write copies the O(log n) nodes
 * on the path from the root to the changed key and rebalances them; everything else is shared, so
 * a snapshot held by a reader never changes and costs nothing to keep. We chose a balanced search
 * tree over a hash trie (HAMT) because the cluster needs <em>ordered</em> range scans: listing
 * "all pods in namespace x" is a scan over the key range {@code pods/x/...}, in the same order etcd
 * returns them, and watch history is replayed from a resourceVersion onwards. A hash trie would
 * need a sort on every list. AVL rather than red-black because its stricter balance gives shorter
 * read paths, and reads (lists, gets, selector scans) outnumber writes in a test cluster. Each node
 * carries its subtree size so {@link #size()} is O(1).
 *
 * @param <K> key type, ordered by its natural order
 * @param <V> value type; values should themselves be immutable
 */
public final class PersistentSortedMap<K extends Comparable<? super K>, V> implements Iterable<Map.Entry<K, V>> {

    private static final PersistentSortedMap<?, ?> EMPTY = new PersistentSortedMap<>(null);

    private final Node<K, V> root;

    private PersistentSortedMap(Node<K, V> root) {
        this.root = root;
    }

    /** Returns the empty map. */
    @SuppressWarnings("unchecked")
    public static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> empty() {
        return (PersistentSortedMap<K, V>) EMPTY;
    }

    public int size() {
        return Node.size(root);
    }

    public boolean isEmpty() {
        return root == null;
    }

    public V get(K key) {
        Node<K, V> n = root;
        while (n != null) {
            int c = key.compareTo(n.key);
            if (c == 0) {
                return n.value;
            }
            n = c < 0 ? n.left : n.right;
        }
        return null;
    }

    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Returns a map with {@code key} bound to {@code value} (null values are not allowed). */
    public PersistentSortedMap<K, V> plus(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not allowed");
        }
        Node<K, V> r = Node.plus(root, key, value);
        return r == root ? this : new PersistentSortedMap<>(r);
    }

    /** Returns a map without {@code key}; the same map when the key is absent. */
    public PersistentSortedMap<K, V> minus(K key) {
        Node<K, V> r = Node.minus(root, key);
        return r == root ? this : new PersistentSortedMap<>(r);
    }

    public K firstKey() {
        if (root == null) {
            throw new NoSuchElementException("empty map");
        }
        Node<K, V> n = root;
        while (n.left != null) {
            n = n.left;
        }
        return n.key;
    }

    public K lastKey() {
        if (root == null) {
            throw new NoSuchElementException("empty map");
        }
        Node<K, V> n = root;
        while (n.right != null) {
            n = n.right;
        }
        return n.key;
    }

    /** Visits every entry in key order. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (Map.Entry<K, V> e : this) {
            action.accept(e.getKey(), e.getValue());
        }
    }

    /** All entries in key order. */
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return new RangeIterator<>(root, null, true, null);
    }

    /**
     * Entries with {@code from <= key < to} (or {@code from < key} when {@code inclusive} is false),
     * in key order; a null bound is open.
     */
    public Iterable<Map.Entry<K, V>> range(K from, boolean inclusive, K to) {
        return () -> new RangeIterator<>(root, from, inclusive, to);
    }

    /** Values of {@link #range(Comparable, boolean, Comparable)} collected into a list. */
    public List<V> values(K from, boolean inclusive, K to) {
        List<V> out = new ArrayList<>();
        for (Map.Entry<K, V> e : range(from, inclusive, to)) {
            out.add(e.getValue());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    private record Node<K extends Comparable<? super K>, V>(
            K key, V value, Node<K, V> left, Node<K, V> right, int height, int size) {

        static <K extends Comparable<? super K>, V> Node<K, V> of(K key, V value, Node<K, V> left, Node<K, V> right) {
            return new Node<>(key, value, left, right,
                    1 + Math.max(height(left), height(right)), 1 + size(left) + size(right));
        }

        static int height(Node<?, ?> n) {
            return n == null ? 0 : n.height;
        }

        static int size(Node<?, ?> n) {
            return n == null ? 0 : n.size;
        }

        static <K extends Comparable<? super K>, V> Node<K, V> plus(Node<K, V> n, K key, V value) {
            if (n == null) {
                return of(key, value, null, null);
            }
            int c = key.compareTo(n.key);
            if (c == 0) {
                return n.value == value ? n : new Node<>(n.key, value, n.left, n.right, n.height, n.size);
            }
            if (c < 0) {
                Node<K, V> l = plus(n.left, key, value);
                return l == n.left ? n : balance(n.key, n.value, l, n.right);
            }
            Node<K, V> r = plus(n.right, key, value);
            return r == n.right ? n : balance(n.key, n.value, n.left, r);
        }

        static <K extends Comparable<? super K>, V> Node<K, V> minus(Node<K, V> n, K key) {
            if (n == null) {
                return null;
            }
            int c = key.compareTo(n.key);
            if (c < 0) {
                Node<K, V> l = minus(n.left, key);
                return l == n.left ? n : balance(n.key, n.value, l, n.right);
            }
            if (c > 0) {
                Node<K, V> r = minus(n.right, key);
                return r == n.right ? n : balance(n.key, n.value, n.left, r);
            }
            if (n.left == null) {
                return n.right;
            }
            if (n.right == null) {
                return n.left;
            }
            Node<K, V> min = n.right;
            while (min.left != null) {
                min = min.left;
            }
            return balance(min.key, min.value, n.left, minus(n.right, min.key));
        }

        static <K extends Comparable<? super K>, V> Node<K, V> balance(K key, V value, Node<K, V> l, Node<K, V> r) {
            int hl = height(l);
            int hr = height(r);
            if (hl > hr + 1) {
                if (height(l.left) >= height(l.right)) {
                    return of(l.key, l.value, l.left, of(key, value, l.right, r));
                }
                Node<K, V> lr = l.right;
                return of(lr.key, lr.value, of(l.key, l.value, l.left, lr.left), of(key, value, lr.right, r));
            }
            if (hr > hl + 1) {
                if (height(r.right) >= height(r.left)) {
                    return of(r.key, r.value, of(key, value, l, r.left), r.right);
                }
                Node<K, V> rl = r.left;
                return of(rl.key, rl.value, of(key, value, l, rl.left), of(r.key, r.value, rl.right, r.right));
            }
            return of(key, value, l, r);
        }
    }

    /** In-order iterator over a key range, using an explicit stack of the nodes still to visit. */
    private static final class RangeIterator<K extends Comparable<? super K>, V> implements Iterator<Map.Entry<K, V>> {
        private final Deque<Node<K, V>> stack = new ArrayDeque<>();
        private final K to;

        RangeIterator(Node<K, V> root, K from, boolean inclusive, K to) {
            this.to = to;
            Node<K, V> n = root;
            while (n != null) {
                int c = from == null ? -1 : from.compareTo(n.key);
                if (c < 0 || (c == 0 && inclusive)) {
                    stack.push(n);
                    n = c == 0 ? null : n.left;
                } else {
                    n = n.right;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty() && (to == null || stack.peek().key.compareTo(to) < 0);
        }

        @Override
        public Map.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Node<K, V> n = stack.pop();
            for (Node<K, V> c = n.right; c != null; c = c.left) {
                stack.push(c);
            }
            return Map.entry(n.key, n.value);
        }
    }
}
