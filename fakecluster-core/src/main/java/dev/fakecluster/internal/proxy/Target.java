package dev.fakecluster.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.store.StoredObject;

/** Where a connection to an address and port goes, as kube-proxy's rules and the pod network decide. */
sealed interface Target {

    /**
     * A Service port, reached at its ClusterIP, a load-balancer address or a node port.
     *
     * @param service the Service
     * @param port its port entry
     * @param viaNode the node whose node port was used, or null
     */
    record ServicePort(StoredObject service, JsonNode port, String viaNode) implements Target {
    }

    /**
     * A pod's own address.
     *
     * @param pod the pod
     * @param port the port dialled
     */
    record Pod(StoredObject pod, int port) implements Target {
    }

    /** Something that rejects the connection at once. */
    record Refused() implements Target {
    }

    /** Nothing that answers. */
    record Unreachable() implements Target {
    }
}
