package dev.fakecluster.internal.random;

import java.util.Random;

/**
 * The cluster's one source of randomness: name suffixes, uids, tie-breaks, load balancing. Seeded,
 * so the same seed and the same sequence of calls give the same values.
 */
public final class SeededRandom {

    /** Kubernetes' alphabet for generated names: no vowels, no digits 0, 1, 3 (no words). */
    public static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final Random random;

    public SeededRandom(long seed) {
        this.random = new Random(seed);
    }

    /** A 5-character suffix for {@code generateName}. */
    public String nameSuffix() {
        char[] c = new char[5];
        for (int i = 0; i < c.length; i++) {
            c[i] = NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length()));
        }
        return new String(c);
    }

    /** A version-4 UUID string. */
    public String uuid() {
        long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
