package dev.fakecluster.internal.describe;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A resource quantity ({@code 250m}, {@code 64Mi}, {@code 1e3}) as apimachinery's Quantity parses,
 * adds and prints it in canonical form: {@code 0.5} prints {@code 500m}, {@code 1024Mi} prints {@code 1Gi}.
 *
 * @param value the amount
 * @param binary whether it prints with binary suffixes (Ki, Mi, ...), as the first operand of a sum did
 */
record Quantity(BigDecimal value, boolean binary) {

    static final Quantity ZERO = new Quantity(BigDecimal.ZERO, false);

    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    static Quantity parse(String text) {
        String s = text.strip();
        return new Quantity(dev.fakecluster.internal.scheduler.Quantity.amount(s), s.endsWith("i"));
    }

    Quantity plus(Quantity other) {
        return value.signum() == 0 && this == ZERO ? other : new Quantity(value.add(other.value), binary);
    }

    Quantity max(Quantity other) {
        return other.value.compareTo(value) > 0 ? other : this;
    }

    /** In thousandths, rounded up (Quantity.MilliValue). */
    long milli() {
        return dev.fakecluster.internal.scheduler.Quantity.roundUp(value.movePointRight(3));
    }

    /** Rounded up to a whole number (Quantity.Value). */
    long whole() {
        return dev.fakecluster.internal.scheduler.Quantity.roundUp(value);
    }

    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        // Values are kept to nanos, like Quantity's int64 amounts with scale -9 at most.
        BigDecimal v = value.setScale(Math.max(0, Math.min(9, value.scale())), RoundingMode.CEILING);
        boolean wholeNumber = v.stripTrailingZeros().scale() <= 0;
        if (binary && v.abs().compareTo(KI) >= 0 && wholeNumber) {
            BigInteger amount = v.toBigIntegerExact();
            int exponent = 0;
            BigInteger ki = BigInteger.valueOf(1024);
            while (exponent < BINARY.length - 1 && amount.mod(ki).signum() == 0) {
                amount = amount.divide(ki);
                exponent++;
            }
            return amount + BINARY[exponent];
        }
        BigDecimal stripped = v.stripTrailingZeros();
        int exponent = -stripped.scale();
        int extra = Math.floorMod(exponent, 3);
        exponent -= extra;
        BigInteger mantissa = stripped.unscaledValue().multiply(BigInteger.TEN.pow(extra));
        if (exponent > 18) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - 18));
            exponent = 18;
        }
        String suffix = switch (exponent) {
            case -9 -> "n";
            case -6 -> "u";
            case -3 -> "m";
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            case 12 -> "T";
            case 15 -> "P";
            case 18 -> "E";
            default -> "";
        };
        return mantissa + suffix;
    }
}
