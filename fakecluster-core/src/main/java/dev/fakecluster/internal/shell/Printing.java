package dev.fakecluster.internal.shell;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code echo} and {@code printf}, as busybox does them. */
final class Printing {

    private Printing() {
    }

    /** {@code echo [-neE] args}: escapes only with {@code -e}. */
    static int echo(Call call) {
        List<String> args = call.args;
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            for (char flag : args.get(i++).substring(1).toCharArray()) {
                newline &= flag != 'n';
                escapes = flag == 'e' || (escapes && flag != 'E');
            }
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            StringBuilder out = new StringBuilder();
            if (unescape(text, out, false)) {
                newline = false;
            }
            text = out.toString();
        }
        call.out(newline ? text + "\n" : text);
        return 0;
    }

    /**
     * Appends {@code text} with backslash escapes replaced ({@code \n \t \\ \0NNN}, with {@code printf}-style
     * {@code \NNN} when {@code printfOctal}); returns true when {@code \c} cut the output short.
     */
    static boolean unescape(String text, StringBuilder out, boolean printfOctal) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\013');
                case 'e' -> out.append('\033');
                case '\\' -> out.append('\\');
                case 'c' -> {
                    return true;
                }
                default -> {
                    boolean octal = e >= '0' && e <= '7' && (printfOctal || e == '0');
                    if (!octal) {
                        out.append('\\').append(e);
                        break;
                    }
                    int start = e == '0' && !printfOctal ? i + 1 : i;
                    int end = start;
                    while (end < text.length() && end < start + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) (end > start ? Integer.parseInt(text.substring(start, end), 8) : 0));
                    i = end - 1;
                }
            }
        }
        return false;
    }

    private static final Pattern CONVERSION = Pattern.compile("%([-+ 0#]*)(\\d*)(?:\\.(\\d*))?([sbcdiuxXofeEgG%])");

    /** {@code printf FORMAT [args]}: the format is reused while arguments remain. */
    static int printf(Call call) {
        if (call.args.isEmpty()) {
            call.error("usage: printf FORMAT [ARGUMENT...]");
            return 1;
        }
        String format = call.args.get(0);
        List<String> args = call.args.subList(1, call.args.size());
        StringBuilder out = new StringBuilder();
        int used = 0;
        int status = 0;
        boolean stop = false;
        do {
            int before = used;
            int i = 0;
            while (i < format.length() && !stop) {
                char c = format.charAt(i);
                if (c == '\\' && i + 1 < format.length()) {
                    int end = i + 2;
                    if (isOctal(format.charAt(i + 1))) {
                        while (end < format.length() && end < i + 4 && isOctal(format.charAt(end))) {
                            end++;
                        }
                    }
                    stop = unescape(format.substring(i, end), out, true);
                    i = end;
                    continue;
                }
                Matcher m = CONVERSION.matcher(format).region(i, format.length());
                if (c != '%' || !m.lookingAt()) {
                    out.append(c);
                    i++;
                    continue;
                }
                i = m.end();
                char conversion = m.group(4).charAt(0);
                if (conversion == '%') {
                    out.append('%');
                    continue;
                }
                String arg = used < args.size() ? args.get(used++) : null;
                try {
                    out.append(convert(m.group(1), m.group(2), m.group(3), conversion, arg));
                } catch (NumberFormatException e) {
                    call.error("invalid number '" + arg + "'");
                    status = 1;
                    out.append(conversion == 'f' || conversion == 'e' || conversion == 'g' ? "0.000000" : "0");
                }
            }
            if (used == before) {
                break;
            }
        } while (used < args.size() && !stop);
        call.out(out.toString());
        return status;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static String convert(String flags, String width, String precision, char conversion, String arg) {
        String spec = "%" + flags + width;
        String value = arg == null ? "" : arg;
        try {
            switch (conversion) {
                case 's', 'b', 'c' -> {
                    if (conversion == 'b') {
                        StringBuilder unescaped = new StringBuilder();
                        unescape(value, unescaped, false);
                        value = unescaped.toString();
                    } else if (conversion == 'c') {
                        value = value.isEmpty() ? "" : value.substring(0, 1);
                    }
                    return String.format(Locale.ROOT, spec.replaceAll("[+ 0#]", "")
                            + (precision != null ? "." + (precision.isEmpty() ? "0" : precision) : "") + "s", value);
                }
                case 'd', 'i', 'u' -> {
                    return String.format(Locale.ROOT, spec.replace("#", "") + "d", integer(value));
                }
                case 'x', 'X', 'o' -> {
                    return String.format(Locale.ROOT, spec.replaceAll("[+ ]", "") + conversion, integer(value));
                }
                default -> {
                    double number = value.isEmpty() ? 0 : Double.parseDouble(value.trim());
                    return String.format(Locale.ROOT, spec + (precision != null ? "." + precision : "") + conversion,
                            number);
                }
            }
        } catch (IllegalFormatException e) {
            return value;
        }
    }

    private static long integer(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        if (t.startsWith("'") || t.startsWith("\"")) {
            return t.length() > 1 ? t.charAt(1) : 0;
        }
        return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }
}
