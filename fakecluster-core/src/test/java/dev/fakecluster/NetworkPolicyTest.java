package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicies enforced on traffic sent with {@link Cluster#http()}: isolation by selection,
 * rules that add up, pod, namespace and ipBlock peers, ports by number and name, egress, and the
 * exceptions (a pod reaching itself, a node reaching its own pods). A blocked connection is dropped.
 */
class NetworkPolicyTest {

    /** An API on ports 80 ("http") and 9090 ("metrics"), a frontend and a stranger to call it, in default. */
    private static final String APPS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 2
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                  - name: api
                    image: api
                    ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api}
              ports: [{name: http, port: 8080, targetPort: http}, {name: metrics, port: 9090, targetPort: metrics}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: frontend, labels: {role: frontend}}
            spec:
              containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: stranger}
            spec:
              containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: ops, labels: {team: ops}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: prober, namespace: ops}
            spec:
              containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
            """;

    private static final String DENY_ALL_INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """;

    private Cluster cluster;

    @BeforeEach
    void apps() {
        cluster = Cluster.builder()
                .image("api", ContainerBehaviour.httpServer(request -> Reply.of(200, "api " + request.path())))
                .build();
        cluster.apply(APPS);
        cluster.advance(Duration.ofSeconds(10));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        cluster.close();
    }

    private boolean reaches(ClusterHttp client, String url) {
        try {
            return client.get(url).status() == 200;
        } catch (ConnectionFailedException e) {
            assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.TIMED_OUT);
            return false;
        }
    }

    private ClusterHttp pod(String namespace, String name) {
        return cluster.http().fromPod(namespace, name);
    }

    @Test
    void withoutPoliciesEveryPodReachesEveryPod() {
        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).isTrue();
        assertThat(reaches(pod("ops", "prober"), "http://api.default:9090/")).isTrue();
    }

    @Test
    void aDefaultDenyPolicyDropsEveryConnectionToThePodsItSelects() {
        cluster.apply(DENY_ALL_INGRESS);

        String serviceIp = cluster.get("svc", "default", "api").orElseThrow().field("spec.clusterIP").orElseThrow();
        assertThatThrownBy(() -> pod("default", "frontend").get("http://api:8080/"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessage("dial tcp " + serviceIp + ":8080: i/o timeout");
        assertThat(reaches(cluster.http(), "http://api:8080/")).as("node1 runs none of them").isFalse();
        String frontend = cluster.get("pod", "default", "frontend").orElseThrow().field("status.podIP").orElseThrow();
        assertThat(reaches(pod("ops", "prober"), "http://" + frontend.replace('.', '-') + ".default.pod:80/"))
                .as("frontend is selected too: nothing listens there, but the drop comes first").isFalse();
    }

    @Test
    void anAllowRuleAddsToTheDenyAndLetsOnlyTheSelectedPodsIn() {
        cluster.apply(DENY_ALL_INGRESS);
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-frontend}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{podSelector: {matchLabels: {role: frontend}}}]
                """);

        assertThat(reaches(pod("default", "frontend"), "http://api:8080/")).isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).isFalse();
        assertThat(reaches(pod("ops", "prober"), "http://api.default:8080/"))
                .as("a podSelector alone means pods of the policy's own namespace").isFalse();

        cluster.delete("networkpolicy", "default", "deny-all");
        cluster.delete("networkpolicy", "default", "api-from-frontend");
        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).as("no policy, no isolation").isTrue();
    }

    @Test
    void aNamespaceSelectorAdmitsEveryPodOfTheMatchingNamespaces() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-ops}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {team: ops}}}]
                """);

        assertThat(reaches(pod("ops", "prober"), "http://api.default:8080/")).isTrue();
        assertThat(reaches(pod("default", "frontend"), "http://api:8080/")).isFalse();
    }

    @Test
    void aPodAndANamespaceSelectorInOnePeerMustBothMatch() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-default-frontends}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}
                      podSelector: {matchLabels: {role: frontend}}
                """);

        assertThat(reaches(pod("default", "frontend"), "http://api:8080/")).isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).isFalse();
        assertThat(reaches(pod("ops", "prober"), "http://api.default:8080/")).isFalse();
    }

    @Test
    void anIpBlockAdmitsItsAddressesExceptTheExcludedOnes() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-office}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{ipBlock: {cidr: 172.16.0.0/16, except: [172.16.9.0/24]}}]
                """);

        assertThat(reaches(cluster.http().from("172.16.1.20"), "http://api:8080/")).isTrue();
        assertThat(reaches(cluster.http().from("172.16.9.20"), "http://api:8080/")).isFalse();
        assertThat(reaches(cluster.http().from("10.20.0.1"), "http://api:8080/")).isFalse();
    }

    @Test
    void anIpv6BlockBesideAnIpv4OneMatchesNoIpv4Client() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dual-stack}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{ipBlock: {cidr: "::/0"}}, {ipBlock: {cidr: 172.16.0.0/16}}]
                """);

        assertThat(reaches(cluster.http().from("172.16.1.20"), "http://api:8080/")).isTrue();
        assertThat(reaches(cluster.http().from("10.20.0.1"), "http://api:8080/")).isFalse();
    }

    @Test
    void aMalformedIpBlockIsRejectedAndChangesNothing() {
        assertThatThrownBy(() -> cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: broken}
                spec:
                  podSelector: {}
                  ingress:
                  - from: [{ipBlock: {cidr: 10.0.0.0, except: [10.0.0.0/8]}}]
                  egress:
                  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8, 192.168.0.0/24]}}]
                """))
                .isInstanceOf(ApiException.class)
                .hasMessage("NetworkPolicy.networking.k8s.io \"broken\" is invalid: ["
                        + "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0\": must be a valid CIDR value, "
                        + "(e.g. 10.9.8.0/24 or 2001:db8::/64), "
                        + "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`, "
                        + "spec.egress[0].to[0].ipBlock.except[1]: Invalid value: \"192.168.0.0/24\": must be a strict subset of `cidr`]");
        assertThat(cluster.list("networkpolicies", "default", null)).isEmpty();
    }

    @Test
    void portsByNumberOrNameLimitARuleToThoseContainerPorts() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-http-only}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - ports: [{port: http}]
                """);

        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).as("targetPort http = 80").isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://api:9090/")).isFalse();

        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-http-only}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - ports: [{port: 9000, endPort: 9999}]
                """);
        assertThat(reaches(pod("default", "stranger"), "http://api:9090/")).isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).isFalse();
    }

    @Test
    void anEgressPolicyLimitsWhereTheSelectedPodsMayConnect() {
        cluster.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: stranger-egress}
                spec:
                  podSelector: {matchExpressions: [{key: role, operator: DoesNotExist}]}
                  policyTypes: [Egress]
                  egress:
                  - to: [{podSelector: {matchLabels: {app: api}}}]
                    ports: [{port: 80}]
                """);

        assertThat(reaches(pod("default", "stranger"), "http://api:8080/")).as("to api's port 80").isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://api:9090/")).isFalse();
        assertThat(reaches(pod("default", "frontend"), "http://api:9090/")).as("frontend is not selected").isTrue();
        assertThat(reaches(pod("ops", "prober"), "http://api.default:9090/")).as("another namespace's policy").isTrue();
    }

    @Test
    void aPodAlwaysReachesItselfAndANodeItsOwnPods() {
        cluster.apply(DENY_ALL_INGRESS);
        Resource api = cluster.list("pods", "default", "app=api").get(0);
        String ip = api.field("status.podIP").orElseThrow();
        String node = api.field("spec.nodeName").orElseThrow();

        assertThat(reaches(pod("default", api.name()), "http://" + ip + "/")).isTrue();
        assertThat(reaches(cluster.http().from(cluster.get("node", null, node).orElseThrow()
                .field("status.addresses[0].address").orElseThrow()), "http://" + ip + "/")).isTrue();
        assertThat(reaches(pod("default", "stranger"), "http://" + ip + "/")).isFalse();
    }

    @Test
    void aPodThatHasNoAddressCannotSend() {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: unscheduled}
                spec:
                  nodeSelector: {disk: none}
                  containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
                """);

        assertThatThrownBy(() -> pod("default", "unscheduled").get("http://api:8080/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pod default/unscheduled cannot send: it has no address (phase Pending)");
        assertThatThrownBy(() -> pod("default", "ghost").get("http://api:8080/"))
                .isInstanceOf(ApiException.class)
                .hasMessage("pods \"ghost\" not found");
    }
}
