package dev.fakecluster.internal.cron;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A CronJob schedule, parsed and evaluated the way Kubernetes does it with robfig/cron v3's {@code ParseStandard}. */
public final class CronSchedule {

    /** Marks a field with a {@code *} or {@code ?} item not stepped by more than 1; see {@code dayMatches}. */
    private static final long STAR = 1L << 63;
    /** 2^63 as an unsigned long: the bound Go's duration parser checks against. */
    private static final long TWO_63 = Long.MIN_VALUE;

    private record Bounds(int min, int max, Map<String, Integer> names) {
        long all() {
            return bits(min, max, 1) | STAR;
        }
    }

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, names(1, "jan feb mar apr may jun jul aug sep oct nov dec"));
    private static final Bounds DOW = new Bounds(0, 6, names(0, "sun mon tue wed thu fri sat"));

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private final String spec;
    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    /** The {@code @every} delay in whole seconds, or 0 for a calendar schedule. */
    private final long everySeconds;

    private CronSchedule(String spec, long minute, long hour, long dom, long month, long dow, long everySeconds) {
        this.spec = spec;
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
        this.everySeconds = everySeconds;
    }

    /** Parses a five-field schedule or descriptor; throws IllegalArgumentException with robfig/cron's message. */
    public static CronSchedule parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isEmpty()) {
            throw error("empty spec string");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            throw error("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        List<String> f = goFields(spec);
        if (f.size() != 5) {
            throw error("expected exactly 5 fields, found %d: [%s]", f.size(), String.join(" ", f));
        }
        // Java evaluates arguments left to right, so the first bad field reports, as in robfig.
        return new CronSchedule(spec, field(f.get(0), MINUTES), field(f.get(1), HOURS), field(f.get(2), DOM),
                field(f.get(3), MONTHS), field(f.get(4), DOW), 0);
    }

    /** The first activation strictly after {@code after}, evaluated in {@code zone}; null if none within 5 years (robfig gives up then). */
    public Instant next(Instant after, ZoneId zone) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(zone, "zone");
        if (everySeconds > 0) {
            return Instant.ofEpochSecond(after.getEpochSecond() + everySeconds);
        }
        if ((minute & ~STAR) == 0 || (hour & ~STAR) == 0 || (month & ~STAR) == 0) {
            return null; // e.g. a field of only commas: robfig would search the full five years in vain
        }
        // robfig's SpecSchedule.Next, step for step: each field is advanced in local time until it
        // matches, and rolling over a larger unit starts the checks again from the month.
        Cursor c = new Cursor(zone.getRules(), after.getEpochSecond() + 1);
        int yearLimit = c.wall.getYear() + 5;
        boolean added = false;
        wrap:
        while (true) {
            if (c.wall.getYear() > yearLimit) {
                return null;
            }
            while (!has(month, c.wall.getMonthValue())) {
                if (!added) {
                    added = true;
                    c.date(0, 1 - c.wall.getDayOfMonth(), LocalTime.MIDNIGHT);
                }
                c.date(1, 0, c.wall.toLocalTime());
                if (c.wall.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(c.wall)) {
                if (!added) {
                    added = true;
                    c.date(0, 0, LocalTime.MIDNIGHT);
                }
                c.date(0, 1, c.wall.toLocalTime());
                int h = c.wall.getHour(); // midnight may not exist on a DST day: move back onto the date
                if (h != 0) {
                    c.add((h > 12 ? 24 - h : -h) * 3600L);
                }
                if (c.wall.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while (!has(hour, c.wall.getHour())) {
                if (!added) {
                    added = true;
                    c.date(0, 0, LocalTime.of(c.wall.getHour(), 0));
                }
                c.add(3600);
                if (c.wall.getHour() == 0) {
                    continue wrap;
                }
            }
            while (!has(minute, c.wall.getMinute())) {
                if (!added) {
                    added = true;
                    c.add(-Math.floorMod(c.epochSecond, 60)); // Go truncates the absolute time, not the wall clock
                }
                c.add(60);
                if (c.wall.getMinute() == 0) {
                    continue wrap;
                }
            }
            while (c.wall.getSecond() != 0) { // the implicit seconds field is "0"
                added = true;
                c.add(1);
                if (c.wall.getSecond() == 0) {
                    continue wrap;
                }
            }
            return Instant.ofEpochSecond(c.epochSecond);
        }
    }

    /** The schedule text as given. */
    public String spec() {
        return spec;
    }

    /** The schedule text as given. */
    @Override
    public String toString() {
        return spec;
    }

    /** An instant and its wall-clock reading in one zone, moved the ways Go's time.Time is. */
    private static final class Cursor {
        private final ZoneRules rules;
        private long epochSecond;
        private LocalDateTime wall;

        Cursor(ZoneRules rules, long epochSecond) {
            this.rules = rules;
            set(epochSecond);
        }

        private void set(long s) {
            epochSecond = s;
            wall = LocalDateTime.ofEpochSecond(s, 0, rules.getOffset(Instant.ofEpochSecond(s)));
        }

        void add(long seconds) {
            set(epochSecond + seconds);
        }

        /**
         * Go's {@code time.Date(year, month + months, day + days, time)}: overflowing fields roll over, and a
         * wall time that is skipped or repeated resolves to the offset in force at (wall time read as UTC,
         * less the offset in force then), which is what Go's zone lookup amounts to.
         */
        void date(int months, int days, LocalTime time) {
            long unix = LocalDate.of(wall.getYear(), 1, 1)
                    .plusMonths(wall.getMonthValue() - 1L + months)
                    .plusDays(wall.getDayOfMonth() - 1L + days)
                    .atTime(time).toEpochSecond(ZoneOffset.UTC);
            int guess = rules.getOffset(Instant.ofEpochSecond(unix)).getTotalSeconds();
            set(unix - rules.getOffset(Instant.ofEpochSecond(unix - guess)).getTotalSeconds());
        }
    }

    private boolean dayMatches(LocalDateTime wall) {
        boolean domMatch = has(dom, wall.getDayOfMonth());
        boolean dowMatch = has(dow, wall.getDayOfWeek().getValue() % 7);
        // Either day field written as a star: both must match. Both restricted: either may match.
        return ((dom | dow) & STAR) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
    }

    private static boolean has(long bits, int value) {
        return (bits >>> value & 1) != 0;
    }

    private static long bits(long start, long end, long step) {
        long bits = 0;
        for (long i = start; i <= end; i += Math.min(step, 64)) {
            bits |= 1L << i;
        }
        return bits;
    }

    private static CronSchedule descriptor(String spec) {
        switch (spec) {
            case "@yearly", "@annually":
                return new CronSchedule(spec, 1, 1, 1 << 1, 1 << 1, DOW.all(), 0);
            case "@monthly":
                return new CronSchedule(spec, 1, 1, 1 << 1, MONTHS.all(), DOW.all(), 0);
            case "@weekly":
                return new CronSchedule(spec, 1, 1, DOM.all(), MONTHS.all(), 1, 0);
            case "@daily", "@midnight":
                return new CronSchedule(spec, 1, 1, DOM.all(), MONTHS.all(), DOW.all(), 0);
            case "@hourly":
                return new CronSchedule(spec, 1, HOURS.all(), DOM.all(), MONTHS.all(), DOW.all(), 0);
            default:
                break;
        }
        if (!spec.startsWith("@every ")) {
            throw error("unrecognized descriptor: %s", spec);
        }
        long nanos;
        try {
            nanos = goDuration(spec.substring("@every ".length()));
        } catch (IllegalArgumentException e) {
            throw error("failed to parse duration %s: %s", spec, e.getMessage());
        }
        // Every(): under a second (zero and negative included) becomes one second; sub-second parts drop.
        return new CronSchedule(spec, 0, 0, 0, 0, 0, Math.max(1, nanos / 1_000_000_000L));
    }

    /** A comma-separated list of ranges; empty list items are skipped, as Go's FieldsFunc does. */
    private static long field(String field, Bounds b) {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= range(expr, b);
            }
        }
        return bits;
    }

    /** {@code *}, {@code ?}, {@code n} or {@code n-m}, optionally followed by {@code /step}. */
    private static long range(String expr, Bounds b) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        long start;
        long end;
        long step = 1;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = b.min; // anything after "*-" is ignored, as in robfig
            end = b.max;
            extra = STAR;
        } else {
            start = intOrName(lowAndHigh[0], b);
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = intOrName(lowAndHigh[1], b);
            } else {
                throw error("too many hyphens: %s", expr);
            }
        }
        if (rangeAndStep.length == 2) {
            step = nonNegativeInt(rangeAndStep[1]);
            if (lowAndHigh.length == 1) {
                end = b.max; // "n/step" means "n-max/step"
            }
            if (step > 1) {
                extra = 0;
            }
        } else if (rangeAndStep.length > 2) {
            throw error("too many slashes: %s", expr);
        }
        if (start < b.min) {
            throw error("beginning of range (%d) below minimum (%d): %s", start, b.min, expr);
        }
        if (end > b.max) {
            throw error("end of range (%d) above maximum (%d): %s", end, b.max, expr);
        }
        if (start > end) {
            throw error("beginning of range (%d) beyond end of range (%d): %s", start, end, expr);
        }
        if (step == 0) {
            throw error("step of range should be a positive number: %s", expr);
        }
        return bits(start, end, step) | extra;
    }

    private static long intOrName(String expr, Bounds b) {
        Integer named = b.names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : nonNegativeInt(expr);
    }

    private static long nonNegativeInt(String expr) {
        long n;
        try {
            n = atoi(expr);
        } catch (IllegalArgumentException e) {
            throw error("failed to parse int from %s: %s", expr, e.getMessage());
        }
        if (n < 0) {
            throw error("negative number (%d) not allowed: %s", n, expr);
        }
        return n;
    }

    /** Go's strconv.Atoi on 64-bit: optional sign, decimal digits only, int64 range. */
    private static long atoi(String s) {
        String quoted = "strconv.Atoi: parsing " + strconvQuote(s);
        boolean neg = !s.isEmpty() && s.charAt(0) == '-';
        int i = !s.isEmpty() && (neg || s.charAt(0) == '+') ? 1 : 0;
        if (i == s.length()) {
            throw new IllegalArgumentException(quoted + ": invalid syntax");
        }
        long n = 0; // unsigned, like ParseUint's accumulator
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException(quoted + ": invalid syntax");
            }
            long next = n * 10 + (ch - '0');
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10)) > 0 || Long.compareUnsigned(next, n * 10) < 0) {
                throw new IllegalArgumentException(quoted + ": value out of range");
            }
            n = next;
        }
        if (n < 0 && !(neg && n == TWO_63)) {
            throw new IllegalArgumentException(quoted + ": value out of range");
        }
        return neg ? -n : n;
    }

    /** Go's time.ParseDuration, in nanoseconds: {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+}. */
    private static long goDuration(String orig) {
        IllegalArgumentException invalid = new IllegalArgumentException("time: invalid duration " + timeQuote(orig));
        String s = orig;
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid;
        }
        long d = 0; // unsigned, at most 2^63
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '.' && !isDigit(s, i)) {
                throw invalid;
            }
            int intStart = i;
            long v = 0;
            for (; isDigit(s, i); i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw invalid;
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid;
                }
            }
            boolean digits = i > intStart;
            long f = 0;
            double scale = 1;
            if (i < s.length() && s.charAt(i) == '.') {
                int fracStart = ++i;
                boolean overflow = false;
                for (; isDigit(s, i); i++) {
                    long y = f * 10 + (s.charAt(i) - '0');
                    overflow |= Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0 || Long.compareUnsigned(y, TWO_63) > 0;
                    if (!overflow) { // past 2^63 the fraction just stops gaining precision
                        f = y;
                        scale *= 10;
                    }
                }
                digits |= i > fracStart;
            }
            if (!digits) {
                throw invalid;
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s, i)) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + timeQuote(orig));
            }
            String u = s.substring(unitStart, i);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + timeQuote(u) + " in duration " + timeQuote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid;
            }
            v *= unit;
            if (f != 0) {
                double fd = f < 0 ? (double) (f >>> 1) * 2 : f;
                v += (long) (fd * (unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid;
                }
            }
            d += v;
            if (Long.compareUnsigned(d, TWO_63) > 0) {
                throw invalid;
            }
        }
        if (neg) {
            return -d;
        }
        if (d < 0) { // exactly 2^63
            throw invalid;
        }
        return d;
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's strings.Fields: splits around runs of Unicode white space. */
    private static List<String> goFields(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || isGoSpace(s.charAt(i));
            if (space && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static boolean isGoSpace(char c) {
        if (c <= '\u00ff') {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00a0';
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Go's strconv.Quote: printable runes as they are, the rest escaped. */
    private static String strconvQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(r -> {
            int type = Character.getType(r);
            boolean printable = r == ' ' || !(Character.isISOControl(r) || Character.isWhitespace(r)
                    || type == Character.SPACE_SEPARATOR || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED);
            int esc = "\u0007\b\f\n\r\t\u000b".indexOf(r);
            if (r == '"' || r == '\\') {
                out.append('\\').appendCodePoint(r);
            } else if (printable) {
                out.appendCodePoint(r);
            } else if (esc >= 0) {
                out.append('\\').append("abfnrtv".charAt(esc));
            } else if (r < ' ' || r == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", r));
            } else {
                out.append(String.format(Locale.ROOT, r < 0x10000 ? "\\u%04x" : "\\U%08x", r));
            }
        });
        return out.append('"').toString();
    }

    /** The time package's quote: ASCII as it is (quotes and backslashes escaped), any other byte as \xNN. */
    private static String timeQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            if (u >= 0x80 || u < ' ') {
                out.append(String.format(Locale.ROOT, "\\x%02x", u));
            } else {
                out.append(u == '"' || u == '\\' ? "\\" : "").append((char) u);
            }
        }
        return out.append('"').toString();
    }

    private static Map<String, Integer> names(int first, String names) {
        Map<String, Integer> map = new HashMap<>();
        String[] list = names.split(" ");
        for (int i = 0; i < list.length; i++) {
            map.put(list[i], first + i);
        }
        return Map.copyOf(map);
    }

    private static IllegalArgumentException error(String format, Object... args) {
        return new IllegalArgumentException(String.format(Locale.ROOT, format, args));
    }
}
