package dev.fakecluster.internal.proxy;

import dev.fakecluster.LoadBalancing;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.random.SeededRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks one of a Service port's endpoints per connection: uniformly at random from the cluster's
 * seeded source (iptables mode) or in turn (round-robin); with {@code sessionAffinity: ClientIP}
 * a client keeps the endpoint it got first until it has been idle for the timeout (iptables'
 * {@code recent} module). State is kept in concurrent maps, never under a lock.
 */
final class Balancer {

    private record Sticky(String endpoint, Instant lastUsed) {
    }

    private final LoadBalancing mode;
    private final SeededRandom random;
    private final VirtualClock clock;
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();

    Balancer(LoadBalancing mode, SeededRandom random, VirtualClock clock) {
        this.mode = mode;
        this.random = random;
        this.clock = clock;
    }

    /**
     * The endpoint (one of {@code endpoints}, which must not be empty) for a connection to
     * {@code key} from {@code clientIp}; {@code affinity} is the ClientIP timeout, or null for none.
     */
    String choose(String key, List<String> endpoints, String clientIp, Duration affinity) {
        Instant now = clock.now();
        String stickyKey = key + "|" + clientIp;
        if (affinity != null) {
            Sticky s = sticky.get(stickyKey);
            if (s != null && endpoints.contains(s.endpoint()) && !now.isAfter(s.lastUsed().plus(affinity))) {
                sticky.put(stickyKey, new Sticky(s.endpoint(), now));
                return s.endpoint();
            }
        }
        String chosen = endpoints.get(index(key, endpoints.size()));
        if (affinity != null) {
            sticky.put(stickyKey, new Sticky(chosen, now));
        }
        return chosen;
    }

    private int index(String key, int n) {
        if (n == 1) {
            return 0;
        }
        if (mode == LoadBalancing.ROUND_ROBIN) {
            return (int) Math.floorMod(turns.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement(), (long) n);
        }
        return random.nextInt(n);
    }
}
