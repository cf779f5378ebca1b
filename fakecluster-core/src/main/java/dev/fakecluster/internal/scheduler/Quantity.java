package dev.fakecluster.internal.scheduler;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 0.5}, {@code 128Mi}, {@code 1G}, {@code 1e3}) as
 * whole numbers, the way apimachinery's {@code Quantity.Value()} and {@code MilliValue()} give them:
 * fractions round up, values beyond a long saturate.
 *
 * <p>Grammar: an optional sign, digits with at most one decimal point, then nothing, a binary suffix
 * ({@code Ki Mi Gi Ti Pi Ei}), a decimal suffix ({@code n u m k M G T P E}) or a decimal exponent
 * ({@code e3}, {@code E-2}).
 */
public final class Quantity {

    /** The API server's wording for a malformed quantity. */
    public static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private Quantity() {
    }

    /** The value in whole units (bytes for memory, cores for cpu), rounded up. */
    public static long value(String quantity) {
        return scaled(quantity, 0);
    }

    /** The value in thousandths of a unit (millicores for cpu), rounded up. */
    public static long milliValue(String quantity) {
        return scaled(quantity, 3);
    }

    private static long scaled(String quantity, int decimals) {
        if (isPlainInteger(quantity)) {
            long plain = Long.parseLong(quantity);
            return decimals == 0 ? plain : Math.multiplyExact(plain, 1000L);
        }
        return roundUp(parse(quantity).scaleByPowerOfTen(decimals));
    }

    private static boolean isPlainInteger(String s) {
        int n = s.length();
        if (n == 0 || n > 15) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The exact amount a quantity stands for ({@code 250m} is 0.25, {@code 64Mi} 67108864).
     *
     * @throws IllegalArgumentException when it is not a quantity
     */
    public static BigDecimal amount(String quantity) {
        return parse(quantity.strip());
    }

    private static BigDecimal parse(String s) {
        int end = numberEnd(s);
        BigDecimal number;
        try {
            number = new BigDecimal(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FORMAT_ERROR + ": \"" + s + "\"", e);
        }
        return applySuffix(number, s.substring(end), s);
    }

    private static int numberEnd(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static BigDecimal applySuffix(BigDecimal number, String suffix, String whole) {
        switch (suffix) {
            case "":
                return number;
            case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei":
                return number.multiply(KI.pow(1 + "KMGTPE".indexOf(suffix.charAt(0))));
            case "n":
                return number.scaleByPowerOfTen(-9);
            case "u":
                return number.scaleByPowerOfTen(-6);
            case "m":
                return number.scaleByPowerOfTen(-3);
            case "k":
                return number.scaleByPowerOfTen(3);
            case "M", "G", "T", "P", "E":
                return number.scaleByPowerOfTen(3 * (2 + "MGTPE".indexOf(suffix.charAt(0))));
            default:
                return number.scaleByPowerOfTen(exponent(suffix, whole));
        }
    }

    private static int exponent(String suffix, String whole) {
        if (suffix.length() >= 2 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            try {
                return Integer.parseInt(suffix.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(FORMAT_ERROR + ": \"" + whole + "\"", e);
            }
        }
        throw new IllegalArgumentException(FORMAT_ERROR + ": \"" + whole + "\"");
    }

    /** Ceiling to a long, saturating, without ever materialising huge powers of ten ({@code 1e999999}). */
    public static long roundUp(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        int integerDigits = v.precision() - v.scale();
        if (integerDigits <= 0) {
            return v.signum() > 0 ? 1 : 0;
        }
        if (integerDigits > 19) {
            return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        BigDecimal whole = v.setScale(0, RoundingMode.CEILING);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        return whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : whole.longValueExact();
    }
}
