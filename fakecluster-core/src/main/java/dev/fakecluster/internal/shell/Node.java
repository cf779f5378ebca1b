package dev.fakecluster.internal.shell;

import java.util.List;

/** A parsed shell command: the small syntax tree the {@link Interpreter} walks. */
sealed interface Node {

    /** {@code NAME=value... word... redirect...}; {@code line} is where it starts, for error messages. */
    record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, int line) implements Node {}

    /** Commands joined by {@code |}, each run to completion before the next (see {@link Process}). */
    record Pipeline(List<Node> stages, boolean negated) implements Node {}

    /** {@code left && right} or {@code left || right}. */
    record AndOr(Node left, Node right, boolean and) implements Node {}

    /** Commands run one after another ({@code ;} or newline). */
    record Sequence(List<Node> items) implements Node {}

    /** {@code if cond; then body; else otherwise; fi}; {@code elif} nests another If; otherwise may be null. */
    record If(Node cond, Node then, Node otherwise) implements Node {}

    /** {@code while cond; do body; done}, or {@code until} when {@code until}. */
    record Loop(Node cond, Node body, boolean until) implements Node {}

    /** {@code for name in items; do body; done}; items null means {@code "$@"}. */
    record For(String name, List<Word> items, Node body) implements Node {}

    /** {@code case word in pattern|pattern) body;; ... esac}. */
    record Case(Word word, List<CaseItem> items) implements Node {}

    /** One arm of a {@link Case}. */
    record CaseItem(List<Word> patterns, Node body) {}

    /** {@code ( body )}: runs with copies of the variables and working directory. */
    record Subshell(Node body) implements Node {}

    /** A compound command with redirections: {@code { ...; } >file}, {@code done >file}. */
    record Redirected(Node body, List<Redirect> redirects) implements Node {}

    /** {@code name() body}: defines a function. */
    record Function(String name, Node body) implements Node {}

    /** {@code NAME=value}. */
    record Assignment(String name, Word value) {}

    /** {@code [fd]op target}: op is one of {@code > >> < >& <& &>}. */
    record Redirect(int fd, String op, Word target) {}

    /** A word as written: literal text and expansions, each marked quoted or not. */
    record Word(List<Part> parts) {

        /** The text of a word made only of unquoted literals, else null (keywords, names). */
        String plainText() {
            StringBuilder text = new StringBuilder();
            for (Part part : parts) {
                if (!(part instanceof Literal literal) || literal.quoted()) {
                    return null;
                }
                text.append(literal.text());
            }
            return text.toString();
        }
    }

    /** A piece of a {@link Word}. */
    sealed interface Part {
        /** Whether the part was inside quotes: then it is neither split into fields nor globbed. */
        boolean quoted();
    }

    /** Text written literally. */
    record Literal(String text, boolean quoted) implements Part {}

    /** {@code $name}, {@code ${name}}, {@code ${#name}}, or {@code ${name<op>arg}} (op: - := + ? with or without :, # ## % %%). */
    record Param(String name, String op, Word arg, boolean quoted) implements Part {}

    /** {@code $(body)} or a backquoted command. */
    record CommandSub(Node body, boolean quoted) implements Part {}

    /** {@code $((expression))}. */
    record Arith(Word expression, boolean quoted) implements Part {}
}
