package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a fixture class on the Jupiter engine, as a user's build would, and reads what happened. */
final class EngineRun {

    private final EngineExecutionResults results;

    private EngineRun(EngineExecutionResults results) {
        this.results = results;
    }

    /** Runs a {@link Fixture} class sequentially, ignoring this module's junit-platform.properties. */
    static EngineRun of(Class<?> fixture) {
        return of(fixture, Map.of());
    }

    /** Runs the class with these configuration parameters only. */
    static EngineRun of(Class<?> fixture, Map<String, String> configuration) {
        return new EngineRun(EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration).configurationParameter(Fixture.PARAMETER, "true")
                .selectors(selectClass(fixture)).execute());
    }

    /** Checks that every test and container succeeded, showing the failures if not, and that {@code tests} ran. */
    EngineRun succeeded(int tests) {
        assertThat(failures()).isEmpty();
        assertThat(results.testEvents().succeeded().count()).as("tests succeeded").isEqualTo(tests);
        return this;
    }

    /** What the failed tests and containers threw, in the order they finished. */
    List<Throwable> failures() {
        return results.allEvents().failed().stream().map(EngineRun::throwable).toList();
    }

    /** What the one failed test or container threw. */
    Throwable onlyFailure() {
        return assertThat(failures()).hasSize(1).actual().get(0);
    }

    /** The display names of the tests that failed. */
    List<String> failedTests() {
        return results.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    /** The values published under {@code key} with {@code publishReportEntry}, in order. */
    List<String> reported(String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(v -> v != null).toList();
    }

    private static Throwable throwable(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
