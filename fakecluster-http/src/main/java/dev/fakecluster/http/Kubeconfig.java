package dev.fakecluster.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes a kubeconfig with one cluster, context and user pointing at the server. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static String render(String url, String namespace, String authorityPem, String token) {
        String authority = authorityPem == null ? "" : "\n    certificate-authority-data: "
                + Base64.getEncoder().encodeToString(authorityPem.getBytes(StandardCharsets.UTF_8));
        String user = token == null ? "{}" : "\n    token: " + token;
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fakecluster
                  cluster:
                    server: %s%s
                contexts:
                - name: fakecluster
                  context:
                    cluster: fakecluster
                    namespace: %s
                    user: fakecluster
                current-context: fakecluster
                users:
                - name: fakecluster
                  user: %s
                preferences: {}
                """.formatted(url, authority, namespace, user);
    }

    static Path write(Path file, String url, String authorityPem, String token) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(url, "default", authorityPem, token));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
