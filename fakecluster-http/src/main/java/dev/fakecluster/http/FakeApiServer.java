package dev.fakecluster.http;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.internal.controlplane.ClusterInternals;
import dev.fakecluster.internal.sockets.NoDelaySockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;

/**
 * A fake cluster behind a Kubernetes-compatible HTTP API, for kubectl and Kubernetes clients.
 *
 * <pre>{@code
 * try (FakeApiServer server = FakeApiServer.builder().seed(42).build().start()) {
 *     Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
 *     // kubectl --kubeconfig <kubeconfig> get nodes
 *     server.cluster().advance(Duration.ofSeconds(10));   // the same cluster, from Java
 * }
 * }</pre>
 *
 * <p>HTTP requests and {@link Cluster} calls act on the same objects; after every write through
 * HTTP the controllers settle before the response is sent, as after a {@code Cluster} call. The
 * server binds {@code 127.0.0.1} unless told otherwise and speaks plain HTTP/1.1, or with
 * {@link Builder#tls()} HTTPS (HTTP/2 or HTTP/1.1) with a certificate made at start; with
 * {@link Builder#token} it answers 401 to requests without that bearer token.
 *
 * @since 0.1
 */
public final class FakeApiServer implements AutoCloseable {

    private final Cluster cluster;
    private final boolean ownsCluster;
    private final InetAddress bindAddress;
    private final int requestedPort;
    private final MockWebServer server = new MockWebServer();
    private final Watches watches;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final PodLogs logs;
    private final Tls tls;
    private final String token;
    private final java.util.concurrent.atomic.AtomicReference<Path> kubeconfig = new java.util.concurrent.atomic.AtomicReference<>();

    private FakeApiServer(Cluster cluster, boolean ownsCluster, Builder b) {
        this.cluster = cluster;
        this.ownsCluster = ownsCluster;
        this.bindAddress = b.bindAddress;
        this.requestedPort = b.port;
        this.tls = b.tls ? Tls.selfSigned(b.bindAddress) : null;
        this.token = b.token;
        Duration keepAlive = b.watchKeepAlive;
        ClusterInternals.Handle handle = ClusterInternals.of(cluster);
        this.watches = new Watches(handle.api(), handle.settle(), cluster::now, keepAlive);
        this.logs = new PodLogs(cluster, handle.kubelet());
        Resources resources = new Resources(handle.api(), handle.settle(), cluster::now, watches, logs);
        server.setBodyLimit(Statuses.MAX_BODY);
        server.setServerSocketFactory(new NoDelaySockets());
        if (tls != null) {
            server.useHttps(tls.socketFactory());
        }
        server.setDispatcher(new Router(server, handle.api(), resources, watches,
                () -> host() + ":" + server.getPort(), new Admin(cluster), token));
    }

    /** Starts configuring a server (and, unless {@link Builder#cluster} is given, the cluster it serves). */
    public static Builder builder() {
        return new Builder();
    }

    /** Serves an existing cluster on {@code 127.0.0.1} and a free port; closing the server leaves the cluster open. */
    public static FakeApiServer start(Cluster cluster) {
        return builder().cluster(cluster).build().start();
    }

    /** Binds the port and starts answering; returns this. */
    public FakeApiServer start() {
        if (closed.get()) {
            throw new IllegalStateException("server is closed");
        }
        if (started.compareAndSet(false, true)) {
            try {
                server.start(bindAddress, requestedPort);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress() + ":" + requestedPort, e);
            }
        }
        return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123} ({@code https://} with TLS). */
    public String url() {
        return (tls == null ? "http://" : "https://") + host() + ":" + port();
    }

    /** The port listened on. */
    public int port() {
        if (!started.get()) {
            throw new IllegalStateException("call start() first");
        }
        return server.getPort();
    }

    /** The cluster served: advance its clock, kill nodes or read objects from Java. */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * Writes a kubeconfig for this server (context {@code fakecluster}, namespace {@code default},
     * with the certificate authority and the token when set); returns the path.
     */
    public Path writeKubeconfig(Path file) {
        return Kubeconfig.write(file, url(), tls == null ? null : tls.authorityPem(), token);
    }

    /** A kubeconfig for this server in a temporary file, written on first call and deleted on {@link #close()}. */
    public Path kubeconfig() {
        Path file = kubeconfig.get();
        if (file != null) {
            return file;
        }
        if (closed.get()) {
            throw new IllegalStateException("server is closed");
        }
        try {
            Path written = writeKubeconfig(Files.createTempFile("fakecluster-", ".kubeconfig"));
            if (kubeconfig.compareAndSet(null, written)) {
                return written;
            }
            Files.deleteIfExists(written); // another thread wrote one first
            return kubeconfig.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary kubeconfig", e);
        }
    }
    /** The certificate authority clients must trust (PEM), or null when the server speaks plain HTTP. */
    public String certificateAuthorityPem() {
        return tls == null ? null : tls.authorityPem();
    }

    /** MockWebServer's record of requests, which the server drains; for tests. */
    int recordedRequests() {
        int n = 0;
        try {
            while (server.takeRequest(0, java.util.concurrent.TimeUnit.NANOSECONDS) != null) {
                n++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    /** Number of watches currently open. */
    public int openWatches() {
        return watches.size();
    }

    /** Ends every open watch as a server-side timeout would (clients see the stream close); for tests. */
    void endWatches() {
        watches.endAll();
    }

    /** Ends open watches, stops listening and, if the server built the cluster, closes it; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            watches.close();
            logs.close();
            server.close();
            Path file = kubeconfig.getAndSet(null);
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary kubeconfig that cannot be deleted is left for the OS to clean
        } finally {
            if (ownsCluster) {
                cluster.close();
            }
        }
    }

    private String host() {
        String host = bindAddress.getHostAddress();
        return bindAddress instanceof Inet6Address ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "FakeApiServer[" + (started.get() && !closed.get() ? url() : closed.get() ? "closed" : "not started") + "]";
    }

    /**
     * Configures a {@link FakeApiServer}: the address and port, and either an existing cluster or
     * the options of the one to build.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final ClusterBuilder clusterBuilder = Cluster.builder();
        private Cluster cluster;
        private InetAddress bindAddress;
        private int port;
        private Duration watchKeepAlive = Duration.ofSeconds(30);
        private boolean tls;
        private String token;

        private Builder() {
            try {
                bindAddress = InetAddress.getByName("127.0.0.1");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to bind; {@code 127.0.0.1} by default. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The cluster's seed (see {@link ClusterBuilder#seed}). */
        public Builder seed(long seed) {
            clusterBuilder.seed(seed);
            return this;
        }

        /** The cluster's nodes (see {@link ClusterBuilder#nodes}). */
        public Builder nodes(String... names) {
            clusterBuilder.nodes(names);
            return this;
        }

        /** Where the cluster's clock starts (see {@link ClusterBuilder#startTime}). */
        public Builder startTime(Instant start) {
            clusterBuilder.startTime(start);
            return this;
        }

        /** Lets the cluster's clock follow the wall clock, {@code scale} times faster (see {@link ClusterBuilder#realTime}). */
        public Builder realTime(double scale) {
            clusterBuilder.realTime(scale);
            return this;
        }

        /** Serves HTTPS with a self-signed certificate authority made at start (see {@link #certificateAuthorityPem()}). */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>}; other requests get 401 (health and version stay open). */
        public Builder token(String token) {
            if (token == null || !token.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new IllegalArgumentException("a token is made of letters, digits and ._~+/=- (a bearer token's characters)");
            }
            this.token = token;
            return this;
        }

        /** Serves this existing cluster instead of building one; the server will not close it. */
        public Builder cluster(Cluster existing) {
            this.cluster = Objects.requireNonNull(existing, "cluster");
            return this;
        }

        /** How long a chunked watch may stay silent before the server probes its client (30 s). */
        Builder watchKeepAlive(Duration keepAlive) {
            this.watchKeepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
            return this;
        }

        /** The server, not started yet. */
        public FakeApiServer build() {
            if (cluster != null) {
                return new FakeApiServer(cluster, false, this);
            }
            return new FakeApiServer(clusterBuilder.build(), true, this);
        }
    }
}
