package dev.fakecluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The tutorial's manifests, as copied under src/test/resources/seed/manifests. */
final class Seed {

    private Seed() {
    }

    static String manifest(String name) {
        try (InputStream in = Seed.class.getResourceAsStream("/seed/manifests/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed manifest " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
