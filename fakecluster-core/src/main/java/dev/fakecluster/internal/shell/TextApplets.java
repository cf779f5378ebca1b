package dev.fakecluster.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The text filters, on files or standard input: {@code wc head tail grep tee}. */
final class TextApplets {

    private TextApplets() {
    }

    static int wc(Call call) {
        FileApplets.Options o = FileApplets.options(call, "lwcmL", "");
        if (o == null) {
            return 1;
        }
        String selected = "lwcmL".chars().filter(c -> o.has((char) c)).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String columns = selected.isEmpty() ? "lwc" : selected;
        List<String> contents = FileApplets.contents(call, o.operands(), false);
        int status = 0;
        long[] totals = new long[5];
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            if (content == null) {
                status = 1;
                continue;
            }
            long[] counts = {content.chars().filter(c -> c == '\n').count(),
                    content.isBlank() ? 0 : content.trim().split("\\s+").length, content.length(), content.length(),
                    content.lines().mapToLong(String::length).max().orElse(0)};
            String name = o.operands().isEmpty() ? null : o.operands().get(i);
            out.append(wcLine(counts, columns, name, o.operands().size() <= 1));
            for (int k = 0; k < 5; k++) {
                totals[k] += counts[k];
            }
        }
        if (o.operands().size() > 1) {
            out.append(wcLine(totals, columns, "total", false));
        }
        call.out(out.toString());
        return status;
    }

    private static String wcLine(long[] counts, String columns, String name, boolean single) {
        StringBuilder line = new StringBuilder();
        for (char column : columns.toCharArray()) {
            long count = counts["lwcmL".indexOf(column)];
            boolean plain = single && columns.length() == 1;
            line.append(line.length() == 0 ? "" : " ").append(plain ? String.valueOf(count) : String.format("%9d", count));
        }
        return line + (name == null ? "" : " " + name) + "\n";
    }

    /** {@code head}/{@code tail [-n N] [-N] [-f] [file...]}; {@code tail -f} never returns. */
    static int headOrTail(Call call, boolean head) {
        List<String> args = new ArrayList<>(call.args);
        if (!args.isEmpty() && args.get(0).matches("-\\d+")) {
            args.set(0, "-n" + args.get(0).substring(1));
        }
        FileApplets.Options o = FileApplets.Options.parse(args, "fFqsv", "nc");
        if (o.invalid() != null) {
            call.error(o.invalid());
            return 1;
        }
        String count = o.values().getOrDefault('n', "10");
        boolean fromStart = !head && count.startsWith("+");
        int n;
        try {
            n = Integer.parseInt(count.replaceFirst("^[+-]", ""));
        } catch (NumberFormatException e) {
            call.error("invalid number '" + count + "'");
            return 1;
        }
        int status = 0;
        List<String> contents = FileApplets.contents(call, o.operands(), false);
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            if (content == null) {
                status = 1;
                continue;
            }
            if (o.operands().size() > 1) {
                call.out((i > 0 ? "\n" : "") + "==> " + o.operands().get(i) + " <==\n");
            }
            List<String> lines = content.lines().toList();
            List<String> chosen = head ? lines.subList(0, Math.min(n, lines.size()))
                    : fromStart ? lines.subList(Math.min(Math.max(n - 1, 0), lines.size()), lines.size())
                    : lines.subList(Math.max(0, lines.size() - n), lines.size());
            chosen.forEach(line -> call.out(line + "\n"));
        }
        if (!head && (o.has('f') || o.has('F')) && status == 0) {
            call.block();
        }
        return status;
    }

    /** {@code grep [-qvicnlxwhHsEF] [-e] PATTERN [file...]}: basic or extended regular expressions. */
    static int grep(Call call) {
        FileApplets.Options o = FileApplets.options(call, "qvicnlxwhHsEFr", "e");
        if (o == null) {
            return 2;
        }
        List<String> operands = new ArrayList<>(o.operands());
        String pattern = o.values().get('e');
        if (pattern == null) {
            if (operands.isEmpty()) {
                return Applets.usage(call) + 1;
            }
            pattern = operands.remove(0);
        }
        boolean fixed = o.has('F') || call.name.equals("fgrep");
        boolean extended = o.has('E') || call.name.equals("egrep");
        String regex = fixed ? Pattern.quote(pattern) : extended ? pattern : basicToJava(pattern);
        if (o.has('w')) {
            regex = "\\b(?:" + regex + ")\\b";
        }
        if (o.has('x')) {
            regex = "^(?:" + regex + ")$";
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex, o.has('i') ? Pattern.CASE_INSENSITIVE : 0);
        } catch (java.util.regex.PatternSyntaxException e) {
            call.error("bad regex '" + pattern + "'");
            return 2;
        }
        List<String> contents = FileApplets.contents(call, operands, o.has('s'));
        boolean prefix = (operands.size() > 1 || o.has('H')) && !o.has('h');
        boolean matched = false;
        boolean failed = false;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            if (content == null) {
                failed = true;
                continue;
            }
            String name = operands.isEmpty() ? "(standard input)" : operands.get(i);
            int count = 0;
            int lineNumber = 0;
            for (String line : content.lines().toList()) {
                lineNumber++;
                if (compiled.matcher(line).find() == o.has('v')) {
                    continue;
                }
                count++;
                if (!o.has('q') && !o.has('c') && !o.has('l')) {
                    out.append(prefix ? name + ":" : "").append(o.has('n') ? lineNumber + ":" : "").append(line).append('\n');
                }
            }
            matched |= count > 0;
            if (o.has('c') && !o.has('q')) {
                out.append(prefix ? name + ":" : "").append(count).append('\n');
            } else if (o.has('l') && count > 0 && !o.has('q')) {
                out.append(name).append('\n');
            }
        }
        call.out(out.toString());
        return matched ? 0 : failed ? 2 : 1;
    }

    /** A POSIX basic regular expression as a Java one: {@code \( \) \{ \} \| \+ \?} are the operators. */
    static String basicToJava(String bre) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char next = bre.charAt(++i);
                regex.append("(){}|+?".indexOf(next) >= 0 ? String.valueOf(next) : "\\" + next);
            } else if ("(){}|+?".indexOf(c) >= 0) {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return regex.toString();
    }

    static int tee(Call call) {
        FileApplets.Options o = FileApplets.options(call, "ai", "");
        if (o == null) {
            return 1;
        }
        String input = call.in().readAll();
        int status = 0;
        for (String operand : o.operands()) {
            String path = call.path(operand);
            StringBuilder file = call.fs().isSink(path) ? new StringBuilder() : call.fs().open(path, !o.has('a'));
            if (file == null) {
                call.error("can't open '" + operand + "': "
                        + (call.fs().isDirectory(path) ? "Is a directory" : "No such file or directory"));
                status = 1;
            } else {
                file.append(input);
            }
        }
        call.out(input);
        return status;
    }
}
