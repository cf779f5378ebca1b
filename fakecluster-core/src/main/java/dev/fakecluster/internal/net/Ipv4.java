package dev.fakecluster.internal.net;

/** IPv4 addresses as numbers: parsing dotted quads strictly (Go's net.ParseIP rules) and formatting them back. */
public final class Ipv4 {

    private Ipv4() {
    }

    /** The address as an unsigned 32-bit number, or -1 when {@code text} is not a dotted-quad IPv4 address. */
    public static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** Whether {@code text} is an IPv4 address. */
    public static boolean isAddress(String text) {
        return parse(text) >= 0;
    }

    /** The dotted-quad form of {@code value}. */
    public static String format(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }
}
