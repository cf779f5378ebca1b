package dev.fakecluster.internal.persistent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Model-based checks against {@link TreeMap}, with a fixed seed so every run sees the same operations. */
class PersistentSortedMapTest {

    private static final int KEY_SPACE = 600;

    @Test
    void randomPlusAndMinusAgreeWithTreeMap() {
        Random random = new Random(42);
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.empty();
        TreeMap<Integer, String> model = new TreeMap<>();

        for (int op = 0; op < 5_000; op++) {
            int key = random.nextInt(KEY_SPACE);
            if (random.nextInt(3) == 0) {
                map = map.minus(key);
                model.remove(key);
            } else {
                String value = "v" + op;
                map = map.plus(key, value);
                model.put(key, value);
            }

            assertThat(map.size()).isEqualTo(model.size());
            assertThat(map.get(key)).isEqualTo(model.get(key));
            if (op % 100 == 0) {
                assertSameContent(map, model);
                assertSameRanges(map, model, random);
            }
        }

        assertSameContent(map, model);
        assertSameRanges(map, model, random);
    }

    @Test
    void oldVersionsAreUnchangedByLaterWrites() {
        Random random = new Random(42);
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.empty();
        TreeMap<Integer, String> model = new TreeMap<>();
        List<PersistentSortedMap<Integer, String>> versions = new ArrayList<>();
        List<TreeMap<Integer, String>> expected = new ArrayList<>();

        for (int op = 0; op < 3_000; op++) {
            int key = random.nextInt(KEY_SPACE / 2);
            if (random.nextInt(3) == 0) {
                map = map.minus(key);
                model.remove(key);
            } else {
                map = map.plus(key, "v" + op);
                model.put(key, "v" + op);
            }
            if (op % 50 == 0) {
                versions.add(map);
                expected.add(new TreeMap<>(model));
            }
        }

        for (int i = 0; i < versions.size(); i++) {
            assertSameContent(versions.get(i), expected.get(i));
        }
    }

    @Test
    void getOnEveryKeyOfTheKeySpaceAgreesWithTreeMap() {
        Random random = new Random(42);
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.empty();
        TreeMap<Integer, String> model = new TreeMap<>();
        for (int op = 0; op < 2_000; op++) {
            int key = random.nextInt(KEY_SPACE);
            if (random.nextBoolean()) {
                map = map.minus(key);
                model.remove(key);
            } else {
                map = map.plus(key, "v" + op);
                model.put(key, "v" + op);
            }
        }

        for (int key = -1; key <= KEY_SPACE; key++) {
            assertThat(map.get(key)).as("get(%d)", key).isEqualTo(model.get(key));
            assertThat(map.containsKey(key)).as("containsKey(%d)", key).isEqualTo(model.containsKey(key));
        }
    }

    @Test
    void sequentialInsertOfOneHundredThousandKeysKeepsOrderAndSize() {
        PersistentSortedMap<Integer, Integer> map = PersistentSortedMap.empty();

        for (int i = 0; i < 100_000; i++) {
            map = map.plus(i, i * 2);
        }

        assertThat(map.size()).isEqualTo(100_000);
        assertThat(map.firstKey()).isZero();
        assertThat(map.lastKey()).isEqualTo(99_999);
        assertThat(map.get(54_321)).isEqualTo(108_642);
        int expected = 0;
        for (Map.Entry<Integer, Integer> e : map) {
            assertThat(e.getKey()).isEqualTo(expected);
            expected++;
        }
        assertThat(expected).isEqualTo(100_000);
        assertThat(map.values(99_997, true, null)).containsExactly(199_994, 199_996, 199_998);
    }

    @Test
    void sequentialRemovalOfOneHundredThousandKeysEmptiesTheMap() {
        PersistentSortedMap<Integer, Integer> map = PersistentSortedMap.empty();
        for (int i = 0; i < 100_000; i++) {
            map = map.plus(i, i);
        }

        for (int i = 0; i < 99_999; i++) {
            map = map.minus(i);
        }

        assertThat(map.size()).isOne();
        assertThat(map.firstKey()).isEqualTo(99_999);
        assertThat(map.minus(99_999).isEmpty()).isTrue();
    }

    @Test
    void rangeIsInclusiveOrExclusiveAtTheStartAndExclusiveAtTheEnd() {
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.<String, Integer>empty()
                .plus("pods/a/x", 1).plus("pods/b/x", 2).plus("pods/b/y", 3).plus("pods/c/x", 4);

        assertThat(map.values("pods/b/", true, "pods/b0")).containsExactly(2, 3);
        assertThat(map.values("pods/b/x", true, "pods/c/x")).containsExactly(2, 3);
        assertThat(map.values("pods/b/x", false, "pods/c/x")).containsExactly(3);
        assertThat(map.values(null, true, "pods/b/y")).containsExactly(1, 2);
        assertThat(map.values("pods/b/y", false, null)).containsExactly(4);
        assertThat(map.values("pods/d", true, null)).isEmpty();
    }

    @Test
    void firstAndLastKeyOfAnEmptyMapThrow() {
        PersistentSortedMap<String, String> empty = PersistentSortedMap.empty();

        assertThatThrownBy(empty::firstKey).isInstanceOf(NoSuchElementException.class).hasMessage("empty map");
        assertThatThrownBy(empty::lastKey).isInstanceOf(NoSuchElementException.class).hasMessage("empty map");
    }

    @Test
    void nullValuesAreRejected() {
        PersistentSortedMap<String, String> empty = PersistentSortedMap.empty();

        assertThatThrownBy(() -> empty.plus("k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("null values are not allowed");
    }

    @Test
    void removingAnAbsentKeyOrRebindingTheSameValueReturnsTheSameMap() {
        String value = "v";
        PersistentSortedMap<String, String> map = PersistentSortedMap.<String, String>empty().plus("a", value);

        assertThat(map.minus("b")).isSameAs(map);
        assertThat(map.plus("a", value)).isSameAs(map);
    }

    @Test
    void toStringListsEntriesInKeyOrder() {
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.<String, Integer>empty()
                .plus("b", 2).plus("a", 1).plus("c", 3);

        assertThat(map).hasToString("{a=1, b=2, c=3}");
    }

    private static void assertSameContent(PersistentSortedMap<Integer, String> map, TreeMap<Integer, String> model) {
        assertThat(map.size()).isEqualTo(model.size());
        assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
        List<Map.Entry<Integer, String>> entries = new ArrayList<>();
        map.forEach(e -> entries.add(e));
        assertThat(entries).containsExactlyElementsOf(model.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        if (!model.isEmpty()) {
            assertThat(map.firstKey()).isEqualTo(model.firstKey());
            assertThat(map.lastKey()).isEqualTo(model.lastKey());
        }
    }

    private static void assertSameRanges(PersistentSortedMap<Integer, String> map, TreeMap<Integer, String> model,
            Random random) {
        for (int i = 0; i < 20; i++) {
            Integer from = random.nextInt(10) == 0 ? null : random.nextInt(KEY_SPACE + 2) - 1;
            Integer to = random.nextInt(10) == 0 ? null : random.nextInt(KEY_SPACE + 2) - 1;
            boolean inclusive = random.nextBoolean();
            List<Map.Entry<Integer, String>> expected = expectedRange(model, from, inclusive, to);

            List<Map.Entry<Integer, String>> actual = new ArrayList<>();
            map.range(from, inclusive, to).forEach(actual::add);

            assertThat(actual).as("range(%s, %s, %s)", from, inclusive, to).containsExactlyElementsOf(expected);
            assertThat(map.values(from, inclusive, to)).as("values(%s, %s, %s)", from, inclusive, to)
                    .containsExactlyElementsOf(expected.stream().map(Map.Entry::getValue).toList());
        }
    }

    private static List<Map.Entry<Integer, String>> expectedRange(TreeMap<Integer, String> model, Integer from,
            boolean inclusive, Integer to) {
        if (from != null && to != null && from > to) {
            return List.of();
        }
        NavigableMap<Integer, String> view = model;
        if (from != null) {
            view = view.tailMap(from, inclusive);
        }
        if (to != null) {
            view = view.headMap(to, false);
        }
        return view.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
