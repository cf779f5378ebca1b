package dev.fakecluster.junit;

import dev.fakecluster.Reply;
import dev.fakecluster.junit.Evidence.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Reply}, typically one {@code cluster.http()} routed; get one from
 * {@code assertThat(reply)}.
 *
 * @since 0.1
 */
public final class ReplyAssert extends AbstractAssert<ReplyAssert, Reply> {

    ReplyAssert(Reply actual) {
        super(actual, ReplyAssert.class);
    }

    /**
     * Checks the status code.
     *
     * <pre>{@code
     * assertThat(cluster.http().get("http://httpd-svc:8080/")).hasStatus(200);
     * }</pre>
     */
    public ReplyAssert hasStatus(int expected) {
        isNotNull();
        if (actual.status() != expected) {
            fail("have status " + expected, "its status is " + actual.status());
        }
        return myself;
    }

    /**
     * Checks that the body contains {@code text}.
     *
     * <pre>{@code
     * assertThat(cluster.http().get("http://httpd-svc:8080/")).hasBodyContaining("It works!");
     * }</pre>
     */
    public ReplyAssert hasBodyContaining(String text) {
        isNotNull();
        if (!actual.body().contains(text)) {
            fail("have a body containing \"" + text + "\"", actual.body().isEmpty() ? "its body is empty" : "it does not");
        }
        return myself;
    }

    /**
     * Checks that a pod whose name starts with {@code prefix} answered, e.g. {@code httpd-} or
     * one ReplicaSet's {@code web-7989497b58-}.
     *
     * <pre>{@code
     * assertThat(cluster.http().get("http://httpd-svc:8080/")).wasAnsweredByPodStartingWith("httpd-");
     * }</pre>
     */
    public ReplyAssert wasAnsweredByPodStartingWith(String prefix) {
        isNotNull();
        if (actual.pod() == null || !actual.pod().startsWith(prefix)) {
            fail("have been answered by a pod starting with " + prefix,
                    actual.pod() == null ? "it names no pod" : "pod " + actual.pod() + " answered it");
        }
        return myself;
    }

    /**
     * Checks a header's value; header names are compared ignoring case, as HTTP says.
     *
     * <pre>{@code
     * assertThat(cluster.http().get("http://httpd-svc:8080/")).hasHeader("content-type", "text/html");
     * }</pre>
     */
    public ReplyAssert hasHeader(String name, String value) {
        isNotNull();
        Optional<String> found = actual.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
        if (!found.equals(Optional.of(value))) {
            fail("have header " + name + ": " + value, found.map(v -> "its " + name + " is " + v)
                    .orElse("it has no " + name + " header" + (actual.headers().isEmpty() ? "" : " (it has "
                            + String.join(", ", actual.headers().keySet().stream().sorted().toList()) + ")")));
        }
        return myself;
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting the reply%s to %s,%nbut %s.%s", actual.pod() == null ? "" : " from pod " + actual.pod(),
                expectation, found, Evidence.outcomes(List.of(Outcome.of(actual))));
    }
}
