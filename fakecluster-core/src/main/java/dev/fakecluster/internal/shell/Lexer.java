package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Node.Arith;
import dev.fakecluster.internal.shell.Node.CommandSub;
import dev.fakecluster.internal.shell.Node.Literal;
import dev.fakecluster.internal.shell.Node.Param;
import dev.fakecluster.internal.shell.Node.Part;
import dev.fakecluster.internal.shell.Node.Word;
import java.util.ArrayList;
import java.util.List;

/** Splits shell source into tokens; words keep their quoting and expansions as {@link Part}s. */
final class Lexer {

    enum Kind { WORD, NEWLINE, EOF, SEMI, AMP, AND, OR, PIPE, LPAREN, RPAREN, DSEMI, REDIRECT }

    /** A token; {@code word} for words, {@code text} for operators ({@code >>}...), {@code fd} for redirections. */
    record Token(Kind kind, Word word, String text, int fd, int line) {}

    /** A syntax error, with the message busybox prints after {@code syntax error: }. */
    static final class SyntaxError extends IllegalArgumentException {
        final int line;

        SyntaxError(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private static final String META = " \t\n;&|<>()";

    private final String src;
    private int pos;
    private int line;

    Lexer(String src) {
        this(src, 0, 1);
    }

    private Lexer(String src, int pos, int line) {
        this.src = src;
        this.pos = pos;
        this.line = line;
    }

    int line() {
        return line;
    }

    /** The next token. */
    Token next() {
        skipBlanks();
        int start = line;
        if (pos >= src.length()) {
            return new Token(Kind.EOF, null, "", 0, start);
        }
        char c = src.charAt(pos);
        switch (c) {
            case '\n':
                pos++;
                line++;
                return new Token(Kind.NEWLINE, null, "\n", 0, start);
            case ';':
                return operator(";;", Kind.DSEMI, ";", Kind.SEMI, start);
            case '|':
                return operator("||", Kind.OR, "|", Kind.PIPE, start);
            case '&':
                if (src.startsWith("&>", pos)) {
                    pos += 2;
                    return new Token(Kind.REDIRECT, null, "&>", 1, start);
                }
                return operator("&&", Kind.AND, "&", Kind.AMP, start);
            case '(':
                pos++;
                return new Token(Kind.LPAREN, null, "(", 0, start);
            case ')':
                pos++;
                return new Token(Kind.RPAREN, null, ")", 0, start);
            case '<':
            case '>':
                return redirect(c == '<' ? 0 : 1, start);
            default:
                int digits = pos;
                while (digits < src.length() && Character.isDigit(src.charAt(digits))) {
                    digits++;
                }
                if (digits > pos && digits < src.length() && (src.charAt(digits) == '<' || src.charAt(digits) == '>')) {
                    int fd = Integer.parseInt(src.substring(pos, digits));
                    pos = digits;
                    return redirect(fd, start);
                }
                return new Token(Kind.WORD, readWord(), null, 0, start);
        }
    }

    private Token operator(String two, Kind twoKind, String one, Kind oneKind, int start) {
        if (src.startsWith(two, pos)) {
            pos += 2;
            return new Token(twoKind, null, two, 0, start);
        }
        pos++;
        return new Token(oneKind, null, one, 0, start);
    }

    private Token redirect(int fd, int start) {
        String op;
        if (src.startsWith("<<", pos)) {
            throw error("here-documents are not supported");
        } else if (src.startsWith(">>", pos) || src.startsWith(">&", pos) || src.startsWith("<&", pos)) {
            op = src.substring(pos, pos + 2);
            pos += 2;
        } else if (src.startsWith(">|", pos) || src.startsWith("<>", pos)) {
            op = src.substring(pos, pos + 1);
            pos += 2;
        } else {
            op = src.substring(pos, pos + 1);
            pos++;
        }
        return new Token(Kind.REDIRECT, null, op, fd, start);
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** An unquoted word, up to a blank or an operator character. */
    private Word readWord() {
        Parts parts = new Parts();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (META.indexOf(c) >= 0 || c == '\r') {
                break;
            }
            readUnit(parts);
        }
        return parts.word();
    }

    /** One character or quoted section or expansion of a word outside double quotes. */
    private void readUnit(Parts parts) {
        char c = src.charAt(pos);
        switch (c) {
            case '\\' -> {
                pos++;
                if (pos >= src.length()) {
                    parts.literal("\\", false);
                } else if (src.charAt(pos) == '\n') {
                    pos++;
                    line++;
                } else {
                    parts.literal(String.valueOf(src.charAt(pos++)), true);
                }
            }
            case '\'' -> {
                int end = src.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw error("unterminated quoted string");
                }
                String text = src.substring(pos + 1, end);
                countLines(text);
                parts.literal(text, true);
                pos = end + 1;
            }
            case '"' -> {
                pos++;
                parts.literal("", true);
                readDoubleQuoted(parts, '"');
                pos++;
            }
            case '$' -> {
                pos++;
                parts.add(readDollar(false));
            }
            case '`' -> {
                pos++;
                parts.add(readBackquoted(false));
            }
            default -> {
                pos++;
                if (c == '\n') {
                    line++;
                }
                parts.literal(String.valueOf(c), false);
            }
        }
    }

    /** The inside of double quotes (or of {@code $((...))} when {@code end} is 0), up to but not past {@code end}. */
    private void readDoubleQuoted(Parts parts, char end) {
        while (true) {
            if (pos >= src.length()) {
                if (end == 0) {
                    return;
                }
                throw error("unterminated quoted string");
            }
            char c = src.charAt(pos);
            if (c == end) {
                return;
            }
            if (c == '\\' && pos + 1 < src.length() && "$`\"\\\n".indexOf(src.charAt(pos + 1)) >= 0) {
                char escaped = src.charAt(pos + 1);
                pos += 2;
                if (escaped == '\n') {
                    line++;
                } else {
                    parts.literal(String.valueOf(escaped), true);
                }
            } else if (c == '$') {
                pos++;
                parts.add(readDollar(true));
            } else if (c == '`') {
                pos++;
                parts.add(readBackquoted(true));
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
                parts.literal(String.valueOf(c), true);
            }
        }
    }

    /** What follows a {@code $}: a parameter, {@code ${...}}, {@code $(...)}, {@code $((...))}, or a plain dollar. */
    private Part readDollar(boolean quoted) {
        if (pos >= src.length()) {
            return new Literal("$", quoted);
        }
        char c = src.charAt(pos);
        if (src.startsWith("((", pos)) {
            return readArithmetic(quoted);
        }
        if (c == '(') {
            pos++;
            Lexer inner = new Lexer(src, pos, line);
            Node body = new Parser(inner).parseSubstitution();
            pos = inner.pos;
            line = inner.line;
            return new CommandSub(body, quoted);
        }
        if (c == '{') {
            pos++;
            return readBraced(quoted);
        }
        if (isNameStart(c)) {
            int start = pos;
            while (pos < src.length() && isNameChar(src.charAt(pos))) {
                pos++;
            }
            return new Param(src.substring(start, pos), "", null, quoted);
        }
        if (Character.isDigit(c) || "?$#!@*-".indexOf(c) >= 0) {
            pos++;
            return new Param(String.valueOf(c), "", null, quoted);
        }
        return new Literal("$", quoted);
    }

    private Part readArithmetic(boolean quoted) {
        int start = pos + 2;
        int depth = 0;
        for (int i = start; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    if (i + 1 < src.length() && src.charAt(i + 1) == ')') {
                        String expression = src.substring(start, i);
                        countLines(expression);
                        pos = i + 2;
                        Lexer inner = new Lexer(expression);
                        Parts parts = new Parts();
                        inner.readDoubleQuoted(parts, (char) 0);
                        return new Arith(parts.word(), quoted);
                    }
                    break;
                }
                depth--;
            }
        }
        throw error("missing '))'");
    }

    /** {@code ${...}} after the brace. */
    private Part readBraced(boolean quoted) {
        boolean length = false;
        if (pos + 1 < src.length() && src.charAt(pos) == '#' && src.charAt(pos + 1) != '}') {
            length = true;
            pos++;
        }
        int start = pos;
        if (pos < src.length() && isNameStart(src.charAt(pos))) {
            while (pos < src.length() && isNameChar(src.charAt(pos))) {
                pos++;
            }
        } else if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        } else if (pos < src.length() && "?$#!@*-".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        } else {
            throw error(pos >= src.length() ? "missing '}'" : "bad substitution");
        }
        String name = src.substring(start, pos);
        if (pos >= src.length()) {
            throw error("missing '}'");
        }
        if (src.charAt(pos) == '}') {
            pos++;
            return new Param(name, length ? "length" : "", null, quoted);
        }
        String op = null;
        for (String candidate : List.of(":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%")) {
            if (src.startsWith(candidate, pos)) {
                op = candidate;
                break;
            }
        }
        if (op == null || length) {
            throw error("bad substitution");
        }
        pos += op.length();
        Parts parts = new Parts();
        while (true) {
            if (pos >= src.length()) {
                throw error("missing '}'");
            }
            char c = src.charAt(pos);
            if (c == '}') {
                pos++;
                return new Param(name, op, parts.word(), quoted);
            }
            if (quoted && c != '"' && c != '\\' && c != '$' && c != '`') {
                pos++;
                parts.literal(String.valueOf(c), true);
            } else {
                readUnit(parts);
            }
        }
    }

    /** A backquoted command after the opening backquote. */
    private Part readBackquoted(boolean quoted) {
        StringBuilder body = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error("EOF in backquote substitution");
            }
            char c = src.charAt(pos++);
            if (c == '`') {
                break;
            }
            if (c == '\\' && pos < src.length() && "$`\\".indexOf(src.charAt(pos)) >= 0) {
                c = src.charAt(pos++);
            }
            body.append(c);
        }
        countLines(body);
        Lexer inner = new Lexer(body.toString());
        return new CommandSub(new Parser(inner).parseAll(), quoted);
    }

    private void countLines(CharSequence text) {
        line += (int) text.chars().filter(ch -> ch == '\n').count();
    }

    SyntaxError error(String message) {
        return new SyntaxError(message, line);
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c < 128 && Character.isLetter(c));
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c < 128 && Character.isDigit(c));
    }

    /** Collects the parts of a word, merging neighbouring literals of the same quoting. */
    private static final class Parts {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private Boolean pendingQuoted;

        void literal(String text, boolean quoted) {
            if (pendingQuoted != null && pendingQuoted != quoted) {
                flush();
            }
            pendingQuoted = quoted;
            pending.append(text);
        }

        void add(Part part) {
            if (part instanceof Literal literal) {
                literal(literal.text(), literal.quoted());
                return;
            }
            flush();
            parts.add(part);
        }

        Word word() {
            flush();
            return new Word(List.copyOf(parts));
        }

        private void flush() {
            if (pendingQuoted != null) {
                parts.add(new Literal(pending.toString(), pendingQuoted));
                pending.setLength(0);
                pendingQuoted = null;
            }
        }
    }
}
