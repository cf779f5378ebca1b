package dev.fakecluster.http;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone server: starts a real-time cluster behind the HTTP API, writes a kubeconfig and
 * serves until killed.
 *
 * <pre>
 * java -jar fakecluster-http/target/fakecluster-server.jar [KUBECONFIG] [--port N] [--seed N]
 *      [--nodes node1,node2,node3] [--time-scale X] [--apply FILE]...
 * </pre>
 *
 * <p>It prints {@code fakecluster listening on <url>} and {@code export KUBECONFIG=<path>}; the
 * kubeconfig goes to {@code ./kubeconfig} unless a path is given.
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
                .startTime(Instant.now()).realTime(options.timeScale());
        if (!options.nodes().isEmpty()) {
            builder.nodes(options.nodes().toArray(String[]::new));
        }
        FakeApiServer server = builder.build().start();
        try {
            for (Path file : options.apply()) {
                server.cluster().apply(file);
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
     * @param timeScale how much faster than the wall clock the cluster's clock runs
     * @param apply manifests to apply at start
     * @param help whether to print the usage only
     */
    record Options(Path kubeconfig, int port, long seed, List<String> nodes, double timeScale, List<Path> apply,
            boolean help) {

        static final String USAGE = "usage: java -jar fakecluster-server.jar [KUBECONFIG] [--kubeconfig PATH] [--port N]"
                + " [--seed N] [--nodes a,b,c] [--time-scale X] [--apply FILE]...";

        static Options parse(String... args) {
            Path kubeconfig = Path.of("kubeconfig");
            int port = 0;
            long seed = 0;
            List<String> nodes = List.of();
            double scale = 1.0;
            List<Path> apply = new ArrayList<>();
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> help = true;
                    case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, a));
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--nodes" -> nodes = List.of(value(args, ++i, a).split(","));
                    case "--time-scale" -> scale = Double.parseDouble(value(args, ++i, a));
                    case "--apply" -> apply.add(Path.of(value(args, ++i, a)));
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        kubeconfig = Path.of(a);
                    }
                }
            }
            return new Options(kubeconfig, port, seed, nodes, scale, List.copyOf(apply), help);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
