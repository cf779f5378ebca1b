package dev.fakecluster.internal.shell;

/**
 * {@code $((...))}: 64-bit integers, variables by name, {@code + - * / %}, comparisons, {@code ! && ||}, parentheses
 * and the assignments {@code = += -= *= /= %=}. Errors end the shell like ash's ({@code arithmetic syntax error}).
 */
final class Arithmetic {

    private final Interpreter sh;
    private final String text;
    private int pos;

    Arithmetic(Interpreter sh, String text) {
        this.sh = sh;
        this.text = text;
    }

    long evaluate() {
        skip();
        if (pos >= text.length()) {
            return 0;
        }
        long value = assignment();
        skip();
        if (pos < text.length()) {
            throw syntax();
        }
        return value;
    }

    private long assignment() {
        int start = pos;
        skip();
        String name = name();
        if (name != null) {
            skip();
            for (String op : new String[] {"+=", "-=", "*=", "/=", "%=", "="}) {
                if (text.startsWith(op, pos) && !text.startsWith("==", pos)) {
                    pos += op.length();
                    long right = assignment();
                    long value = op.equals("=") ? right : apply(op.substring(0, 1), variable(name), right);
                    sh.setVar(name, String.valueOf(value));
                    return value;
                }
            }
        }
        pos = start;
        return or();
    }

    private long or() {
        long left = and();
        while (take("||")) {
            long right = and();
            left = (left != 0 || right != 0) ? 1 : 0;
        }
        return left;
    }

    private long and() {
        long left = equality();
        while (take("&&")) {
            long right = equality();
            left = (left != 0 && right != 0) ? 1 : 0;
        }
        return left;
    }

    private long equality() {
        long left = relational();
        while (true) {
            if (take("==")) {
                left = left == relational() ? 1 : 0;
            } else if (take("!=")) {
                left = left != relational() ? 1 : 0;
            } else {
                return left;
            }
        }
    }

    private long relational() {
        long left = additive();
        while (true) {
            if (take("<=")) {
                left = left <= additive() ? 1 : 0;
            } else if (take(">=")) {
                left = left >= additive() ? 1 : 0;
            } else if (take("<")) {
                left = left < additive() ? 1 : 0;
            } else if (take(">")) {
                left = left > additive() ? 1 : 0;
            } else {
                return left;
            }
        }
    }

    private long additive() {
        long left = multiplicative();
        while (true) {
            if (take("+")) {
                left += multiplicative();
            } else if (take("-")) {
                left -= multiplicative();
            } else {
                return left;
            }
        }
    }

    private long multiplicative() {
        long left = unary();
        while (true) {
            String op = take("*") ? "*" : take("/") ? "/" : take("%") ? "%" : null;
            if (op == null) {
                return left;
            }
            left = apply(op, left, unary());
        }
    }

    private long unary() {
        if (take("-")) {
            return -unary();
        }
        if (take("+")) {
            return unary();
        }
        if (take("!")) {
            return unary() == 0 ? 1 : 0;
        }
        return primary();
    }

    private long primary() {
        skip();
        if (take("(")) {
            long value = assignment();
            if (!take(")")) {
                throw syntax();
            }
            return value;
        }
        String name = name();
        if (name != null) {
            return variable(name);
        }
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw syntax();
        }
        return number(text.substring(start, pos));
    }

    private long apply(String op, long left, long right) {
        switch (op) {
            case "+":
                return left + right;
            case "-":
                return left - right;
            case "*":
                return left * right;
            default:
                if (right == 0) {
                    throw new Interpreter.Fatal("divide by zero");
                }
                return op.equals("/") ? left / right : left % right;
        }
    }

    private long variable(String name) {
        String value = sh.vars.get(name);
        return value == null || value.isBlank() ? 0 : number(value.trim());
    }

    private long number(String digits) {
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseLong(digits.substring(2), 16);
            }
            if (digits.length() > 1 && digits.startsWith("0")) {
                return Long.parseLong(digits.substring(1), 8);
            }
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw syntax();
        }
    }

    private String name() {
        skip();
        int start = pos;
        if (pos < text.length() && Lexer.isNameStart(text.charAt(pos))) {
            while (pos < text.length() && Lexer.isNameChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }
        return null;
    }

    private boolean take(String op) {
        skip();
        if (text.startsWith(op, pos)) {
            pos += op.length();
            return true;
        }
        return false;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Interpreter.Fatal syntax() {
        return new Interpreter.Fatal("arithmetic syntax error");
    }
}
