package dev.fakecluster.internal.controlplane;

import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.cronjob.CronJobController;
import dev.fakecluster.internal.daemonset.DaemonSetController;
import dev.fakecluster.internal.deployment.DeploymentController;
import dev.fakecluster.internal.disruption.DisruptionController;
import dev.fakecluster.internal.endpoints.EndpointSliceController;
import dev.fakecluster.internal.endpoints.EndpointsController;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.events.EventTtlController;
import dev.fakecluster.internal.gc.GarbageCollector;
import dev.fakecluster.internal.job.JobController;
import dev.fakecluster.internal.job.TtlAfterFinishedController;
import dev.fakecluster.internal.kubelet.ImagePulls;
import dev.fakecluster.internal.kubelet.Kubelet;
import dev.fakecluster.internal.kubelet.NodeAgents;
import dev.fakecluster.internal.loadbalancer.LoadBalancerController;
import dev.fakecluster.internal.namespace.NamespaceController;
import dev.fakecluster.internal.nodelifecycle.NodeLifecycleController;
import dev.fakecluster.internal.nodelifecycle.TaintEvictionController;
import dev.fakecluster.internal.proxy.ServiceProxy;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.replicaset.ReplicaSetController;
import dev.fakecluster.internal.runtime.Controller;
import dev.fakecluster.internal.runtime.RunLoop;
import dev.fakecluster.internal.scheduler.Scheduler;
import dev.fakecluster.internal.statefulset.StatefulSetController;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.WatchHub;
import dev.fakecluster.internal.workload.PodControl;
import java.util.ArrayList;
import java.util.List;

/**
 * The wired-up control plane: the store, its watch hub, the API server over them, the simulated
 * kubelets and the run loop with every controller. The one place that decides what a cluster runs,
 * so the {@code Cluster}, tests and benchmarks cannot drift apart.
 *
 * @param store the state store
 * @param watches watch subscriptions over the store
 * @param api the API server
 * @param events the event recorder controllers share
 * @param agents which nodes' kubelets are up
 * @param kubelet the simulated kubelets, or null when the settings run none
 * @param pulls the nodes' image pulls
 * @param loop the controllers' run loop
 * @param proxy kube-proxy and the pod network, for requests sent into the cluster
 */
public record ControlPlane(Store store, WatchHub watches, ApiServer api, EventRecorder events, NodeAgents agents,
        Kubelet kubelet, ImagePulls pulls, RunLoop loop, ServiceProxy proxy) {

    /** A control plane with default settings; see {@link #over(ClusterState, VirtualClock, long, Settings)}. */
    public static ControlPlane over(ClusterState initial, VirtualClock clock, long seed) {
        return over(initial, clock, seed, Settings.defaults());
    }

    /** A control plane over {@code initial}, on {@code clock}, drawing randomness from {@code seed}. */
    public static ControlPlane over(ClusterState initial, VirtualClock clock, long seed, Settings settings) {
        Store store = new Store(initial);
        WatchHub watches = new WatchHub(store);
        SeededRandom random = new SeededRandom(seed);
        ApiServer api = new ApiServer(store, watches, clock, random);
        EventRecorder events = new EventRecorder(api, clock);
        PodControl pods = new PodControl(api, events);
        NodeAgents agents = new NodeAgents();
        List<Controller> controllers = new ArrayList<>(List.of(
                new DeploymentController(api, clock, events),
                new ReplicaSetController(api, clock, pods),
                new DaemonSetController(api, clock, events, pods),
                new StatefulSetController(api, clock, events),
                new JobController(api, clock, events, pods),
                new TtlAfterFinishedController(api, clock),
                new CronJobController(api, clock, events),
                new Scheduler(api, clock, events, random),
                new NodeLifecycleController(api, clock, events, agents),
                new TaintEvictionController(api, clock, events),
                new DisruptionController(api, clock),
                new EndpointsController(api, clock),
                new EndpointSliceController(api, clock),
                new LoadBalancerController(api, clock, events, settings.loadBalancerPool(), settings.loadBalancerDelay()),
                new EventTtlController(api, clock),
                new GarbageCollector(api),
                new NamespaceController(api)));
        Kubelet kubelet = null;
        ImagePulls pulls = new ImagePulls(settings.imagePullTime(), settings.unpullable());
        if (settings.kubelets()) {
            kubelet = new Kubelet(api, clock, events, agents, settings.podStartDelay(), settings.podStopDelay(),
                    settings.images(), pulls);
            controllers.add(kubelet);
        }
        RunLoop loop = new RunLoop(store, watches, controllers);
        ServiceProxy proxy = new ServiceProxy(api, kubelet, agents, random, clock, settings.loadBalancing());
        return new ControlPlane(store, watches, api, events, agents, kubelet, pulls, loop, proxy);
    }
}
