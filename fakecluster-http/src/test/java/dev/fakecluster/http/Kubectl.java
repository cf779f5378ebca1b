package dev.fakecluster.http;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real kubectl found on PATH against a server, with its own kubeconfig, discovery cache
 * and HOME, so nothing of the user's configuration takes part. The one place the project runs a
 * host program, and only in tests.
 */
final class Kubectl {

    private final Path binary;
    private final Path dir;
    private final Path kubeconfig;
    private final AtomicInteger runs = new AtomicInteger();

    Kubectl(Path binary, FakeApiServer server, Path dir) {
        this.binary = binary;
        this.dir = dir;
        this.kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    /** kubectl on PATH, if there is one. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What one command did.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exitCode, String out, String err) {
    }

    /** Runs a command to completion (at most a minute). */
    Result run(String... args) {
        Running r = start(args);
        return r.await();
    }

    /** Starts a command that runs on (a watch, a rollout status) until it ends or is stopped. */
    Running start(String... args) {
        int n = runs.incrementAndGet();
        Path out = dir.resolve("out-" + n + ".txt");
        Path err = dir.resolve("err-" + n + ".txt");
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // Configured through the environment, not flags, so that the command line kubectl records
        // (--record's change cause) is the test's own, as the tutorial shows it.
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KUBE"));
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOME", dir.toString()); // the discovery cache goes to $HOME/.kube/cache
        env.put("TZ", "UTC"); // describe prints times in the local zone; the fake's texts use UTC
        try {
            return new Running(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A command in progress.
     *
     * @param process the process
     * @param outFile where its standard output goes
     * @param errFile where its standard error goes
     */
    record Running(Process process, Path outFile, Path errFile) {

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        Result await() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl did not finish in 60 s; output so far: " + out() + read(errFile));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), out(), read(errFile));
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
