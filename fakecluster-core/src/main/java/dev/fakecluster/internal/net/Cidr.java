package dev.fakecluster.internal.net;

/**
 * An IPv4 network such as {@code 10.1.0.0/16}.
 *
 * @param network the network address as a number
 * @param prefix the prefix length
 */
public record Cidr(long network, int prefix) {

    /** Parses {@code a.b.c.d/n}; the address is masked to its network. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        long address = slash < 0 ? -1 : Ipv4.parse(text.substring(0, slash));
        int prefix;
        try {
            prefix = slash < 0 ? -1 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (address < 0 || prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return new Cidr(address & mask, prefix);
    }

    /** How many addresses the network spans, network and broadcast addresses included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** Whether {@code address} (a number) lies in the network. */
    public boolean contains(long address) {
        return address >= network && address < network + size();
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefix;
    }
}
