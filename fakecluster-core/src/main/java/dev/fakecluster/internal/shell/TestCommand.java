package dev.fakecluster.internal.shell;

import java.util.List;

/**
 * {@code test} and {@code [}: file tests ({@code -e -f -d -s -r -w -x}), strings ({@code -z -n = == !=}), integers
 * ({@code -eq -ne -lt -le -gt -ge}), {@code !}, {@code -a}, {@code -o} and parentheses. Status 0 true, 1 false,
 * 2 on an error.
 */
final class TestCommand {

    private static final List<String> UNARY = List.of("-e", "-f", "-d", "-s", "-r", "-w", "-x", "-z", "-n", "-L", "-h",
            "-p", "-S", "-b", "-c", "-t");
    private static final List<String> BINARY = List.of("=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<",
            ">");

    /** A malformed expression, with busybox's message. */
    private static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    private final Call call;
    private final List<String> args;
    private int pos;

    private TestCommand(Call call, List<String> args) {
        this.call = call;
        this.args = args;
    }

    /** Runs {@code test} or {@code [} (which needs a closing {@code ]}). */
    static int run(Call call) {
        List<String> args = call.args;
        if (call.name.equals("[")) {
            if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                call.error("missing ]");
                return 2;
            }
            args = args.subList(0, args.size() - 1);
        }
        if (args.isEmpty()) {
            return 1;
        }
        TestCommand test = new TestCommand(call, args);
        try {
            boolean result = test.or();
            if (test.pos < args.size()) {
                throw new Malformed(args.get(test.pos) + ": unknown operand");
            }
            return result ? 0 : 1;
        } catch (Malformed e) {
            call.error(e.getMessage());
            return 2;
        }
    }

    private boolean or() {
        boolean value = and();
        while (pos < args.size() && args.get(pos).equals("-o")) {
            pos++;
            value = and() | value;
        }
        return value;
    }

    private boolean and() {
        boolean value = not();
        while (pos < args.size() && args.get(pos).equals("-a")) {
            pos++;
            value = not() & value;
        }
        return value;
    }

    private boolean not() {
        if (remaining() > 1 && args.get(pos).equals("!")) {
            pos++;
            return !not();
        }
        return primary();
    }

    private boolean primary() {
        if (remaining() == 0) {
            throw new Malformed("argument expected");
        }
        String first = args.get(pos);
        if (remaining() >= 3 && BINARY.contains(args.get(pos + 1))) {
            pos += 3;
            return binary(first, args.get(pos - 2), args.get(pos - 1));
        }
        if (first.equals("(") && remaining() >= 3) {
            pos++;
            boolean value = or();
            if (pos >= args.size() || !args.get(pos).equals(")")) {
                throw new Malformed("closing paren expected");
            }
            pos++;
            return value;
        }
        if (remaining() >= 2 && UNARY.contains(first)) {
            pos += 2;
            return unary(first, args.get(pos - 1));
        }
        pos++;
        return !first.isEmpty();
    }

    private int remaining() {
        return args.size() - pos;
    }

    private boolean unary(String op, String operand) {
        FileSystem fs = call.fs();
        String path = call.path(operand);
        return switch (op) {
            case "-z" -> operand.isEmpty();
            case "-n" -> !operand.isEmpty();
            case "-e", "-r", "-w" -> !operand.isEmpty() && fs.exists(path);
            case "-x" -> !operand.isEmpty() && fs.isDirectory(path);
            case "-f" -> !operand.isEmpty() && fs.isFile(path);
            case "-d" -> !operand.isEmpty() && fs.isDirectory(path);
            case "-s" -> !operand.isEmpty() && (fs.isDirectory(path) || (fs.isFile(path) && !fs.read(path).isEmpty()));
            case "-c" -> !operand.isEmpty() && fs.isSink(path);
            default -> false;
        };
    }

    private boolean binary(String left, String op, String right) {
        return switch (op) {
            case "=", "==" -> left.equals(right);
            case "!=" -> !left.equals(right);
            case "<" -> left.compareTo(right) < 0;
            case ">" -> left.compareTo(right) > 0;
            default -> {
                long a = number(left);
                long b = number(right);
                yield switch (op) {
                    case "-eq" -> a == b;
                    case "-ne" -> a != b;
                    case "-lt" -> a < b;
                    case "-le" -> a <= b;
                    case "-gt" -> a > b;
                    default -> a >= b;
                };
            }
        };
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Malformed(text + ": bad number");
        }
    }
}
