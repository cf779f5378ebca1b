package dev.fakecluster.internal.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant FAR = START.plus(Duration.ofDays(365));

    private final List<String> fired = new ArrayList<>();

    private Runnable record(String name) {
        return () -> fired.add(name);
    }

    /** Polls and runs every timer due by {@code limit}, as the run loop does. */
    private static void runDue(VirtualClock clock, Instant limit) {
        for (Runnable r = clock.pollDue(limit); r != null; r = clock.pollDue(limit)) {
            r.run();
        }
    }

    @Test
    void virtualTimeStandsStillUntilAdvanced() {
        VirtualClock clock = VirtualClock.virtual(START);

        assertThat(clock.now()).isEqualTo(START);
        assertThat(clock.isRealTime()).isFalse();

        clock.advanceTo(START.plusSeconds(30));

        assertThat(clock.now()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void timersFireInTimeOrderRegardlessOfSchedulingOrder() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(30), record("30s"));
        clock.schedule(START.plusSeconds(10), record("10s"));
        clock.scheduleAfter(Duration.ofSeconds(20), record("20s"));

        runDue(clock, FAR);

        assertThat(fired).containsExactly("10s", "20s", "30s");
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void timersDueAtTheSameInstantFireInInsertionOrder() {
        VirtualClock clock = VirtualClock.virtual(START);
        Instant at = START.plusSeconds(5);
        for (String name : List.of("c", "a", "b", "e", "d")) {
            clock.schedule(at, record(name));
        }

        runDue(clock, FAR);

        assertThat(fired).containsExactly("c", "a", "b", "e", "d");
    }

    @Test
    void pollDueMovesVirtualTimeToTheTimersDueTime() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(10), record("a"));
        clock.schedule(START.plusSeconds(25), record("b"));

        clock.pollDue(FAR).run();

        assertThat(clock.now()).isEqualTo(START.plusSeconds(10));

        clock.pollDue(FAR).run();

        assertThat(clock.now()).isEqualTo(START.plusSeconds(25));
        assertThat(fired).containsExactly("a", "b");
    }

    @Test
    void pollDueNeverMovesTimeBackwardsForAnOverdueTimer() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.advanceTo(START.plusSeconds(60));
        clock.schedule(START.plusSeconds(5), record("overdue"));

        clock.pollDue(FAR).run();

        assertThat(fired).containsExactly("overdue");
        assertThat(clock.now()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void pollDueReturnsNullForTimersAfterTheLimitAndKeepsThem() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(10), record("a"));

        assertThat(clock.pollDue(START.plusSeconds(9))).isNull();
        assertThat(clock.now()).isEqualTo(START);
        assertThat(clock.pendingTimers()).isOne();

        clock.pollDue(START.plusSeconds(10)).run();

        assertThat(fired).containsExactly("a");
    }

    @Test
    void pollDueOnAnEmptyQueueReturnsNull() {
        VirtualClock clock = VirtualClock.virtual(START);

        assertThat(clock.pollDue(FAR)).isNull();
        assertThat(clock.now()).isEqualTo(START);
    }

    @Test
    void cancelledTimersNeverFire() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(1), record("kept-1"));
        VirtualClock.TimerKey cancelled = clock.schedule(START.plusSeconds(1), record("cancelled"));
        clock.schedule(START.plusSeconds(2), record("kept-2"));

        clock.cancel(cancelled);

        assertThat(clock.pendingTimers()).isEqualTo(2);
        runDue(clock, FAR);
        assertThat(fired).containsExactly("kept-1", "kept-2");
    }

    @Test
    void cancellingAFiredTimerIsANoOp() {
        VirtualClock clock = VirtualClock.virtual(START);
        VirtualClock.TimerKey key = clock.schedule(START.plusSeconds(1), record("a"));
        runDue(clock, FAR);

        clock.cancel(key);

        assertThat(clock.pendingTimers()).isZero();
        assertThat(fired).containsExactly("a");
    }

    @Test
    void scheduleReturnsKeysWithTheDueTimeAndIncreasingSequence() {
        VirtualClock clock = VirtualClock.virtual(START);

        VirtualClock.TimerKey first = clock.schedule(START.plusSeconds(3), record("a"));
        VirtualClock.TimerKey second = clock.scheduleAfter(Duration.ofSeconds(3), record("b"));

        assertThat(first.at()).isEqualTo(START.plusSeconds(3));
        assertThat(second.at()).isEqualTo(START.plusSeconds(3));
        assertThat(first.seq()).isLessThan(second.seq());
        assertThat(first).isLessThan(second);
    }

    @Test
    void advanceToNeverMovesTimeBackwards() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.advanceTo(START.plusSeconds(100));

        clock.advanceTo(START.plusSeconds(50));

        assertThat(clock.now()).isEqualTo(START.plusSeconds(100));
    }

    @Test
    void advanceToFiresNothingByItself() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(10), record("a"));

        clock.advanceTo(START.plusSeconds(20));

        assertThat(fired).isEmpty();
        assertThat(clock.pendingTimers()).isOne();
        runDue(clock, clock.now());
        assertThat(fired).containsExactly("a");
        assertThat(clock.now()).isEqualTo(START.plusSeconds(20));
    }

    @Test
    void scheduleAfterIsRelativeToTheCurrentVirtualTime() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.advanceTo(START.plusSeconds(40));

        VirtualClock.TimerKey key = clock.scheduleAfter(Duration.ofSeconds(5), record("a"));

        assertThat(key.at()).isEqualTo(START.plusSeconds(45));
    }

    @Test
    void timersScheduledWhileRunningFireInOrderWithTheRest() {
        VirtualClock clock = VirtualClock.virtual(START);
        clock.schedule(START.plusSeconds(10), () -> {
            fired.add("a");
            clock.scheduleAfter(Duration.ofSeconds(5), record("a+5"));
        });
        clock.schedule(START.plusSeconds(20), record("b"));

        runDue(clock, FAR);

        assertThat(fired).containsExactly("a", "a+5", "b");
        assertThat(clock.now()).isEqualTo(START.plusSeconds(20));
    }

    @Test
    void realTimeClockRejectsANonPositiveScale() {
        assertThatThrownBy(() -> VirtualClock.realTime(START, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time scale must be positive, was 0.0");
    }
}
