package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Evidence.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the replies to requests a Service routed, none of which failed; get one from
 * {@code assertThat(cluster).hasService(namespace, name).routes(requests, path)}.
 *
 * @since 0.1
 */
public final class RoutingAssert extends AbstractAssert<RoutingAssert, List<Reply>> {

    private final String url;
    private final Cluster cluster;
    private final Resource service;

    RoutingAssert(List<Reply> replies, String url, Cluster cluster, Resource service) {
        super(List.copyOf(replies), RoutingAssert.class);
        this.url = url;
        this.cluster = cluster;
        this.service = service;
    }

    /**
     * Checks that at least {@code pods} different pods answered: the load is spread.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").routes(30, "/").acrossAtLeast(3);
     * }</pre>
     */
    public RoutingAssert acrossAtLeast(int pods) {
        TreeSet<String> answered = new TreeSet<>(actual.stream().map(Reply::pod).filter(Objects::nonNull).toList());
        if (answered.size() < pods) {
            fail("be answered by at least " + pods + " pods", (answered.size() == 1 ? "1 pod" : answered.size() + " pods")
                    + " answered them");
        }
        return myself;
    }

    /**
     * Checks that every request was answered by a pod whose name starts with {@code prefix}, e.g.
     * the pods of one ReplicaSet ({@code web-7989497b58-}) during a rollout.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "web").routes(20, "/").allAnsweredByPodsStartingWith("web-7989497b58-");
     * }</pre>
     */
    public RoutingAssert allAnsweredByPodsStartingWith(String prefix) {
        long others = actual.stream().filter(r -> r.pod() == null || !r.pod().startsWith(prefix)).count();
        if (others > 0) {
            fail("be answered by pods starting with " + prefix, others + " were answered by other pods");
        }
        return myself;
    }

    /**
     * Checks that every reply had this status.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").routes(10, "/missing").allWithStatus(404);
     * }</pre>
     */
    public RoutingAssert allWithStatus(int status) {
        long others = actual.stream().filter(r -> r.status() != status).count();
        if (others > 0) {
            fail("be answered with status " + status, others + " had another status");
        }
        return myself;
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting the %d requests to %s to %s,%nbut %s.%s%s", actual.size(), url, expectation, found,
                Evidence.outcomes(actual.stream().map(Outcome::of).toList()), Evidence.service(cluster, service));
    }
}
