package dev.fakecluster.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig with one cluster, context and user pointing at the server. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static String render(String url, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fakecluster
                  cluster:
                    server: %s
                contexts:
                - name: fakecluster
                  context:
                    cluster: fakecluster
                    namespace: %s
                    user: fakecluster
                current-context: fakecluster
                users:
                - name: fakecluster
                  user: {}
                preferences: {}
                """.formatted(url, namespace);
    }

    static Path write(Path file, String url) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(url, "default"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
