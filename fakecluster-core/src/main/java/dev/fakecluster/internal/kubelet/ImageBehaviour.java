package dev.fakecluster.internal.kubelet;

import dev.fakecluster.Reply;
import dev.fakecluster.Request;
import java.time.Duration;
import java.util.function.Function;

/**
 * A behaviour registered for an image ({@code ClusterBuilder.image}), as the kubelet reads it.
 *
 * @param handler answers HTTP, for a server; else null
 * @param script a shell script to run instead of the manifest's command; else null
 * @param runtime for a process that exits by itself: how long it runs; else null
 * @param exitCode the exit code after {@code runtime}
 */
public record ImageBehaviour(Function<Request, Reply> handler, String script, Duration runtime, int exitCode) {
}
