package dev.fakecluster.internal.proxy;

import java.util.Locale;

/**
 * The parts of an {@code http://host[:port][/path]} URL a request needs; the scheme may be left
 * out, as curl allows, and the port defaults to 80.
 *
 * @param host the host: a name or an IPv4 address
 * @param port the port
 * @param path the path with its query, at least {@code /}
 */
record Url(String host, int port, String path) {

    static Url parse(String url) {
        String rest = url.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            if (!rest.substring(0, scheme).toLowerCase(Locale.ROOT).equals("http")) {
                throw new IllegalArgumentException("only plain http is simulated: " + url);
            }
            rest = rest.substring(scheme + 3);
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        String path = rest.substring(end);
        if (path.contains("#")) {
            path = path.substring(0, path.indexOf('#'));
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = 80;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + url);
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not an http URL: " + url);
        }
        return new Url(host.toLowerCase(Locale.ROOT), port, path);
    }

    /** {@code host:port} as a client writes it (and as the Host header carries it). */
    String authority() {
        return port == 80 ? host : host + ":" + port;
    }
}
