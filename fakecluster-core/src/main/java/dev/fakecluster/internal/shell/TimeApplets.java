package dev.fakecluster.internal.shell;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sleep}, {@code usleep} and {@code date}, on the virtual clock. */
final class TimeApplets {

    private TimeApplets() {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([smhd]?)");
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000_000L);

    /** {@code sleep N[smhd]...} (summed, fractions allowed) or {@code sleep infinity}. */
    static int sleep(Call call) {
        if (call.args.isEmpty()) {
            return Applets.usage(call);
        }
        if (call.args.get(0).regionMatches(true, 0, "inf", 0, 3)) {
            return Applets.block(call);
        }
        BigDecimal seconds = BigDecimal.ZERO;
        for (String arg : call.args) {
            Matcher m = DURATION.matcher(arg);
            if (!m.matches()) {
                call.error("invalid number '" + arg + "'");
                return 1;
            }
            int unit = switch (m.group(2)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                default -> 1;
            };
            seconds = seconds.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return sleepFor(call, seconds);
    }

    static int usleep(Call call) {
        if (call.args.isEmpty() || !call.args.get(0).matches("\\d+")) {
            return call.args.isEmpty() ? Applets.usage(call) : 1;
        }
        return sleepFor(call, new BigDecimal(call.args.get(0)).movePointLeft(6));
    }

    private static int sleepFor(Call call, BigDecimal seconds) {
        if (seconds.compareTo(MAX_SECONDS) > 0) {
            return Applets.block(call);
        }
        long nanos = seconds.movePointRight(9).longValue();
        call.sleep(Duration.ofNanos(nanos));
        return 0;
    }

    /** {@code date [-u] [-R] [-I] [+FORMAT]}, always in UTC; the default is {@code Mon Jan  1 00:00:00 UTC 2024}. */
    static int date(Call call) {
        String format = "%a %b %e %H:%M:%S %Z %Y";
        for (String arg : call.args) {
            if (arg.startsWith("+")) {
                format = arg.substring(1);
            } else if (arg.equals("-R")) {
                format = "%a, %d %b %Y %H:%M:%S %z";
            } else if (arg.equals("-I")) {
                format = "%Y-%m-%d";
            } else if (!arg.equals("-u") && !arg.equals("--utc")) {
                call.error("invalid date '" + arg + "'");
                return 1;
            }
        }
        return Applets.print(call, strftime(format, ZonedDateTime.ofInstant(call.now(), ZoneOffset.UTC)));
    }

    static String strftime(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            out.append(switch (f) {
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'c' -> strftime("%a %b %e %H:%M:%S %Y", t);
                case 'd' -> two(t.getDayOfMonth());
                case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
                case 'H' -> two(t.getHour());
                case 'k' -> String.format(Locale.ROOT, "%2d", t.getHour());
                case 'I' -> two((t.getHour() + 11) % 12 + 1);
                case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
                case 'm' -> two(t.getMonthValue());
                case 'M' -> two(t.getMinute());
                case 'N' -> String.format(Locale.ROOT, "%09d", t.getNano());
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'S' -> two(t.getSecond());
                case 's' -> String.valueOf(t.toEpochSecond());
                case 'T' -> strftime("%H:%M:%S", t);
                case 'R' -> strftime("%H:%M", t);
                case 'D' -> strftime("%m/%d/%y", t);
                case 'F' -> strftime("%Y-%m-%d", t);
                case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
                case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case 'y' -> two(t.getYear() % 100);
                case 'Y' -> String.valueOf(t.getYear());
                case 'Z' -> "UTC";
                case 'z' -> "+0000";
                case 'n' -> "\n";
                case 't' -> "\t";
                case '%' -> "%";
                default -> "%" + f;
            });
        }
        return out.toString();
    }

    private static String two(int value) {
        return String.format(Locale.ROOT, "%02d", value);
    }
}
