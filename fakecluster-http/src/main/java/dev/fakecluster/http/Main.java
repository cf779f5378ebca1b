package dev.fakecluster.http;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone server: starts a cluster behind the HTTP API, writes a kubeconfig and serves
 * until killed (SIGTERM closes it cleanly).
 *
 * <pre>
 * java -jar fakecluster-http/target/fakecluster-server.jar [--port N] [--nodes node1,node2,node3]
 *      [--seed N] [--kubeconfig PATH] [--real-time | --time-scale X] [--tls] [--token T]
 *      [--apply FILE]... [--expose-node-ports]
 * </pre>
 *
 * <p>It prints {@code fakecluster listening on <url>} and {@code export KUBECONFIG=<path>}; the
 * kubeconfig goes to {@code ./fakecluster.kubeconfig} unless a path is given. The clock stands
 * still until advanced ({@code POST /fakecluster/v1/clock/advance?seconds=N}) unless
 * {@code --real-time} (or {@code --time-scale X}) lets it follow the wall clock.
 *
 * @since 0.1
 */
public final class Main {

    private Main() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fakecluster: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        FakeApiServer server = start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fakecluster-shutdown"));
        stopped.await();
    }

    /** Starts the server as {@code main} does and prints the two lines; the caller closes it. */
    static FakeApiServer start(Options options, PrintStream out) {
        FakeApiServer.Builder builder = FakeApiServer.builder().port(options.port()).seed(options.seed())
                .startTime(Instant.now());
        if (options.timeScale() > 0) {
            builder.realTime(options.timeScale());
        }
        if (!options.nodes().isEmpty()) {
            builder.nodes(options.nodes().toArray(String[]::new));
        }
        if (options.tls()) {
            builder.tls();
        }
        if (options.token() != null) {
            builder.token(options.token());
        }
        FakeApiServer server = builder.build().start();
        try {
            for (Path file : options.apply()) {
                server.cluster().apply(file);
            }
            if (options.exposeNodePorts()) {
                server.cluster().exposeNodePorts();
            }
            Path kubeconfig = server.writeKubeconfig(options.kubeconfig()).toAbsolutePath();
            out.println("fakecluster listening on " + server.url());
            out.println("export KUBECONFIG=" + kubeconfig);
            out.flush();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The command line.
     *
     * @param kubeconfig where to write the kubeconfig
     * @param port the port, 0 for any
     * @param seed the cluster's seed
     * @param nodes the node names, empty for the default three
     * @param timeScale how much faster than the wall clock the cluster's clock runs; 0 for virtual time
     * @param apply manifests to apply at start
     * @param tls whether to serve HTTPS with a self-signed certificate
     * @param token the bearer token required, or null
     * @param exposeNodePorts whether Services' node ports listen on 127.0.0.1
     * @param help whether to print the usage only
     */
    record Options(Path kubeconfig, int port, long seed, List<String> nodes, double timeScale, List<Path> apply,
            boolean tls, String token, boolean exposeNodePorts, boolean help) {

        static final String USAGE = "usage: java -jar fakecluster-server.jar [--port N] [--nodes a,b,c] [--seed N]"
                + " [--kubeconfig PATH] [--real-time | --time-scale X] [--tls] [--token T] [--apply FILE]..."
                + " [--expose-node-ports]";

        static Options parse(String... args) {
            Path kubeconfig = Path.of("fakecluster.kubeconfig");
            int port = 0;
            long seed = 0;
            List<String> nodes = List.of();
            double scale = 0;
            List<Path> apply = new ArrayList<>();
            boolean tls = false;
            String token = null;
            boolean expose = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> help = true;
                    case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, a));
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--nodes" -> nodes = List.of(value(args, ++i, a).split(","));
                    case "--real-time" -> scale = 1.0;
                    case "--time-scale" -> scale = positive(value(args, ++i, a), a);
                    case "--apply" -> apply.add(Path.of(value(args, ++i, a)));
                    case "--tls" -> tls = true;
                    case "--token" -> token = value(args, ++i, a);
                    case "--expose-node-ports" -> expose = true;
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        kubeconfig = Path.of(a);
                    }
                }
            }
            return new Options(kubeconfig, port, seed, nodes, scale, List.copyOf(apply), tls, token, expose, help);
        }

        private static double positive(String text, String option) {
            double v = Double.parseDouble(text);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(option + " needs a number > 0, got " + text);
            }
            return v;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
