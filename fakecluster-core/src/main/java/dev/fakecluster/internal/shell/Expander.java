package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Node.Arith;
import dev.fakecluster.internal.shell.Node.CommandSub;
import dev.fakecluster.internal.shell.Node.Literal;
import dev.fakecluster.internal.shell.Node.Param;
import dev.fakecluster.internal.shell.Node.Part;
import dev.fakecluster.internal.shell.Node.Word;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Word expansion: parameters, command substitution output (already captured), arithmetic, field splitting on
 * blanks, and pathname globbing ({@code * ? [...]}) against the in-memory filesystem.
 */
final class Expander {

    private final Interpreter sh;
    private final Map<CommandSub, StringBuilder> outputs;

    Expander(Interpreter sh, Map<CommandSub, StringBuilder> outputs) {
        this.sh = sh;
        this.outputs = outputs;
    }

    /** The command substitutions in {@code words}, in order, including those inside {@code ${...}} and {@code $((...))}. */
    static List<CommandSub> substitutions(List<Word> words) {
        List<CommandSub> found = new ArrayList<>();
        words.forEach(word -> collect(word, found));
        return found;
    }

    private static void collect(Word word, List<CommandSub> found) {
        if (word == null) {
            return;
        }
        for (Part part : word.parts()) {
            if (part instanceof CommandSub sub) {
                found.add(sub);
            } else if (part instanceof Param param) {
                collect(param.arg(), found);
            } else if (part instanceof Arith arith) {
                collect(arith.expression(), found);
            }
        }
    }

    /** The fields of a command word: split on blanks where unquoted, then globbed. */
    List<String> fields(Word word) {
        Fields fields = new Fields();
        for (Part part : word.parts()) {
            if (part instanceof Literal literal) {
                fields.append(literal.text(), !literal.quoted());
            } else if (part instanceof Param param && param.quoted() && param.name().equals("@") && param.op().isEmpty()) {
                for (int i = 0; i < sh.positional.size(); i++) {
                    if (i > 0) {
                        fields.end();
                    }
                    fields.append(sh.positional.get(i), false);
                }
            } else if (part.quoted()) {
                fields.append(value(part), false);
            } else {
                fields.split(value(part));
            }
        }
        fields.end();
        List<String> result = new ArrayList<>();
        for (int i = 0; i < fields.texts.size(); i++) {
            result.addAll(glob(fields.texts.get(i), fields.globs.get(i)));
        }
        return result;
    }

    /** A word as one string: no field splitting, no globbing (assignments, redirection targets, case subjects). */
    String string(Word word) {
        if (word == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Part part : word.parts()) {
            text.append(part instanceof Literal literal ? literal.text() : value(part));
        }
        return text.toString();
    }

    /** A word as a regular expression for shell pattern matching (case, {@code ${x#pattern}}). */
    String pattern(Word word) {
        StringBuilder text = new StringBuilder();
        BitSet active = new BitSet();
        for (Part part : word.parts()) {
            String value = part instanceof Literal literal ? literal.text() : value(part);
            if (!part.quoted()) {
                active.set(text.length(), text.length() + value.length());
            }
            text.append(value);
        }
        return toRegex(text.toString(), active, 0, text.length());
    }

    private String value(Part part) {
        if (part instanceof Literal literal) {
            return literal.text();
        }
        if (part instanceof CommandSub sub) {
            StringBuilder output = outputs.get(sub);
            String text = output == null ? "" : output.toString();
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            return text.substring(0, end);
        }
        if (part instanceof Arith arith) {
            return String.valueOf(new Arithmetic(sh, string(arith.expression())).evaluate());
        }
        return param((Param) part);
    }

    private String param(Param p) {
        String name = p.name();
        String value = lookup(name);
        boolean missing = p.op().startsWith(":") ? value == null || value.isEmpty() : value == null;
        return switch (p.op()) {
            case "" -> value == null ? "" : value;
            case "length" -> String.valueOf(value == null ? 0 : value.length());
            case ":-", "-" -> missing ? string(p.arg()) : value;
            case ":+", "+" -> missing ? "" : string(p.arg());
            case ":=", "=" -> {
                if (!missing) {
                    yield value;
                }
                String assigned = string(p.arg());
                if (!Parser.isName(name)) {
                    throw new Interpreter.Fatal(name + ": bad variable name");
                }
                sh.setVar(name, assigned);
                yield assigned;
            }
            case ":?", "?" -> {
                if (!missing) {
                    yield value;
                }
                String message = string(p.arg());
                throw new Interpreter.Fatal(name + ": " + (message.isEmpty() ? "parameter not set" : message));
            }
            default -> remove(value == null ? "" : value, p.op(), pattern(p.arg()));
        };
    }

    /** {@code ${x#p}}, {@code ${x##p}}, {@code ${x%p}}, {@code ${x%%p}}. */
    private static String remove(String value, String op, String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        boolean prefix = op.startsWith("#");
        boolean longest = op.length() == 2;
        for (int i = 0; i <= value.length(); i++) {
            int len = longest ? value.length() - i : i;
            String candidate = prefix ? value.substring(0, len) : value.substring(value.length() - len);
            if (pattern.matcher(candidate).matches()) {
                return prefix ? value.substring(len) : value.substring(0, value.length() - len);
            }
        }
        return value;
    }

    /** A parameter's value, or null when unset. */
    private String lookup(String name) {
        List<String> args = sh.positional;
        switch (name) {
            case "?":
                return String.valueOf(sh.status);
            case "$":
                return "1";
            case "#":
                return String.valueOf(args.size());
            case "0":
                return sh.arg0;
            case "@":
            case "*":
                return String.join(" ", args);
            case "!":
            case "-":
                return "";
            default:
                if (Character.isDigit(name.charAt(0))) {
                    int index = Integer.parseInt(name);
                    return index >= 1 && index <= args.size() ? args.get(index - 1) : null;
                }
                return sh.vars.get(name);
        }
    }

    // ---- globbing ---------------------------------------------------------------------------------------------

    private List<String> glob(String text, BitSet active) {
        boolean hasGlob = false;
        for (int i = active.nextSetBit(0); i >= 0; i = active.nextSetBit(i + 1)) {
            hasGlob |= i < text.length() && "*?[".indexOf(text.charAt(i)) >= 0;
        }
        if (!hasGlob) {
            return List.of(text);
        }
        List<String> current = new ArrayList<>(List.of(text.startsWith("/") ? "/" : ""));
        int start = 0;
        while (start <= text.length()) {
            int slash = text.indexOf('/', start);
            int end = slash < 0 ? text.length() : slash;
            if (end > start) {
                String segment = text.substring(start, end);
                boolean globbed = false;
                for (int i = start; i < end; i++) {
                    globbed |= active.get(i) && "*?[".indexOf(text.charAt(i)) >= 0;
                }
                List<String> next = new ArrayList<>();
                if (globbed) {
                    Pattern pattern = Pattern.compile(toRegex(text, active, start, end), Pattern.DOTALL);
                    for (String dir : current) {
                        List<String> names = sh.fs.list(sh.resolve(dir.isEmpty() ? "." : dir));
                        for (String name : names == null ? List.<String>of() : names) {
                            if ((!name.startsWith(".") || segment.startsWith(".")) && pattern.matcher(name).matches()) {
                                next.add(join(dir, name));
                            }
                        }
                    }
                } else {
                    current.forEach(dir -> next.add(join(dir, segment)));
                }
                current = next;
            }
            start = end + 1;
        }
        List<String> matches = current.stream().filter(path -> sh.fs.exists(sh.resolve(path))).toList();
        return matches.isEmpty() ? List.of(text) : matches;
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The regular expression of the shell pattern {@code text[start, end)}; only {@code active} characters are special. */
    static String toRegex(String text, BitSet active, int start, int end) {
        StringBuilder regex = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean special = active.get(i);
            if (special && c == '*') {
                regex.append(".*");
            } else if (special && c == '?') {
                regex.append('.');
            } else if (special && c == '[' && classEnd(text, i, end) > 0) {
                int close = classEnd(text, i, end);
                int j = i + 1;
                regex.append('[');
                if (text.charAt(j) == '!' || text.charAt(j) == '^') {
                    regex.append('^');
                    j++;
                }
                for (; j < close; j++) {
                    char member = text.charAt(j);
                    regex.append(member == '\\' || member == '[' || member == '&' || member == '^' ? "\\" + member : member);
                }
                regex.append(']');
                i = close;
            } else {
                regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** The index of the {@code ]} closing the bracket expression at {@code open}, or -1. */
    private static int classEnd(String text, int open, int end) {
        int j = open + 1;
        if (j < end && (text.charAt(j) == '!' || text.charAt(j) == '^')) {
            j++;
        }
        if (j < end && text.charAt(j) == ']') {
            j++;
        }
        while (j < end && text.charAt(j) != ']') {
            j++;
        }
        return j < end ? j : -1;
    }

    /** Fields under construction; characters that may glob are marked. */
    private static final class Fields {
        final List<String> texts = new ArrayList<>();
        final List<BitSet> globs = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private BitSet active = new BitSet();
        private boolean started;

        void append(String text, boolean globbing) {
            if (globbing) {
                active.set(current.length(), current.length() + text.length());
            }
            current.append(text);
            started = true;
        }

        /** An unquoted expansion: blanks separate fields. */
        void split(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n') {
                    end();
                } else {
                    active.set(current.length());
                    current.append(c);
                    started = true;
                }
            }
        }

        void end() {
            if (started) {
                texts.add(current.toString());
                globs.add(active);
            }
            current.setLength(0);
            active = new BitSet();
            started = false;
        }
    }
}
