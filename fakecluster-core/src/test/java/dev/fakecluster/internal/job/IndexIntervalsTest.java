package dev.fakecluster.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexIntervalsTest {

    @Test
    void completedIndexesAreWrittenAsRangesWithTwoNeighboursListed() {
        IndexIntervals set = IndexIntervals.EMPTY.with(List.of(0, 1, 2, 4, 6, 7));

        assertThat(set.format()).isEqualTo("0-2,4,6,7");
        assertThat(set.total()).isEqualTo(6);
        assertThat(IndexIntervals.EMPTY.format()).isEmpty();
    }

    @Test
    void parsingKeepsOnlyIndexesBelowCompletionsAndMergesTouchingRanges() {
        IndexIntervals set = IndexIntervals.parse("0-2,3,5-9,12", 8);

        assertThat(set.format()).isEqualTo("0-3,5-7");
        assertThat(set.has(3)).isTrue();
        assertThat(set.has(4)).isFalse();
    }

    @Test
    void firstMissingIndexesSkipTakenOnes() {
        IndexIntervals taken = IndexIntervals.parse("0,2-3", 10);

        assertThat(taken.firstMissing(3, 10)).containsExactly(1, 4, 5);
        assertThat(taken.firstMissing(5, 6)).containsExactly(1, 4, 5);
    }
}
