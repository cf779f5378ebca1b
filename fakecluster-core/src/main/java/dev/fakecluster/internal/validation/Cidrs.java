package dev.fakecluster.internal.validation;

import dev.fakecluster.internal.net.Cidr;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** CIDR checks for validation: IPv4 and IPv6 notation, and one block strictly inside another. */
final class Cidrs {

    static final String INVALID = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private Cidrs() {
    }

    static boolean isCidr(String text) {
        return parse(text) != null;
    }

    /** Whether {@code inner} is a smaller block within {@code outer} (same family). */
    static boolean strictlyInside(String inner, String outer) {
        Block i = parse(inner);
        Block o = parse(outer);
        if (i == null || o == null || i.bits() != o.bits() || i.prefix() <= o.prefix()) {
            return false;
        }
        int shift = o.bits() - o.prefix();
        return i.network().shiftRight(shift).equals(o.network().shiftRight(shift));
    }

    private record Block(BigInteger network, int prefix, int bits) {
    }

    /** An address/prefix pair, IPv4 or IPv6; null when it is neither. */
    private static Block parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String address = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (!address.contains(":")) {
            try {
                Cidr v4 = Cidr.parse(text);
                return new Block(BigInteger.valueOf(v4.network()), v4.prefix(), 32);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (prefix < 0 || prefix > 128 || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':')) {
            return null; // hex digits and colons only: no host name is ever looked up
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? new Block(new BigInteger(1, bytes), prefix, 128) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
