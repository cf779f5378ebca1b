package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Lexer.Kind;
import dev.fakecluster.internal.shell.Lexer.SyntaxError;
import dev.fakecluster.internal.shell.Lexer.Token;
import dev.fakecluster.internal.shell.Node.Assignment;
import dev.fakecluster.internal.shell.Node.Literal;
import dev.fakecluster.internal.shell.Node.Part;
import dev.fakecluster.internal.shell.Node.Redirect;
import dev.fakecluster.internal.shell.Node.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the sh subset (depth follows the script's nesting, not its length). Like busybox ash,
 * a script is parsed one complete command (up to a newline) at a time, so commands before a syntax error still run.
 */
final class Parser {

    /** Reserved words that end a command list. */
    private static final Set<String> LIST_ENDS = Set.of("then", "else", "elif", "fi", "do", "done", "esac", "}");
    private static final Set<String> KEYWORDS = Set.of("!", "case", "do", "done", "elif", "else", "esac", "fi", "for",
            "if", "in", "then", "until", "while", "{", "}");

    private final Lexer lexer;
    private Token peeked;

    Parser(Lexer lexer) {
        this.lexer = lexer;
    }

    Parser(String source) {
        this(new Lexer(source));
    }

    /** The next complete command at the top level, or null at the end of the source. */
    Node next() {
        skipNewlines();
        if (peek().kind() == Kind.EOF) {
            return null;
        }
        Node list = list(false);
        Token end = take();
        if (end.kind() != Kind.NEWLINE && end.kind() != Kind.EOF) {
            throw unexpected(end, null);
        }
        return list;
    }

    /** Every command of the source, for a backquoted command. */
    Node parseAll() {
        List<Node> items = new ArrayList<>();
        for (Node node = next(); node != null; node = next()) {
            items.add(node);
        }
        return new Node.Sequence(items);
    }

    /** The body of {@code $(...)} up to and including its closing parenthesis. */
    Node parseSubstitution() {
        skipNewlines();
        Node body = peek().kind() == Kind.RPAREN ? new Node.Sequence(List.of()) : list(true);
        expect(Kind.RPAREN, "\")\"");
        return body;
    }

    /** Commands separated by {@code ;} (and newlines when {@code multiline}) up to a list-ending token. */
    private Node list(boolean multiline) {
        List<Node> items = new ArrayList<>();
        while (true) {
            if (multiline) {
                skipNewlines();
            }
            if (endsList(peek())) {
                break;
            }
            items.add(andOr());
            Kind kind = peek().kind();
            if (kind == Kind.AMP) {
                throw lexer.error("background jobs (&) are not supported");
            }
            if (kind == Kind.SEMI || (kind == Kind.NEWLINE && multiline)) {
                take();
                continue;
            }
            break;
        }
        if (items.isEmpty()) {
            throw unexpected(peek(), null);
        }
        return items.size() == 1 ? items.get(0) : new Node.Sequence(items);
    }

    private boolean endsList(Token token) {
        Kind kind = token.kind();
        return kind == Kind.EOF || kind == Kind.RPAREN || kind == Kind.DSEMI || kind == Kind.NEWLINE
                || (keyword(token) != null && LIST_ENDS.contains(keyword(token)));
    }

    private Node andOr() {
        Node left = pipeline();
        while (peek().kind() == Kind.AND || peek().kind() == Kind.OR) {
            boolean and = take().kind() == Kind.AND;
            skipNewlines();
            left = new Node.AndOr(left, pipeline(), and);
        }
        return left;
    }

    private Node pipeline() {
        boolean negated = false;
        while ("!".equals(keyword(peek()))) {
            take();
            negated = !negated;
        }
        List<Node> stages = new ArrayList<>();
        stages.add(command());
        while (peek().kind() == Kind.PIPE) {
            take();
            skipNewlines();
            stages.add(command());
        }
        return stages.size() == 1 && !negated ? stages.get(0) : new Node.Pipeline(stages, negated);
    }

    private Node command() {
        Token token = peek();
        String keyword = keyword(token);
        Node compound;
        if (token.kind() == Kind.LPAREN) {
            take();
            compound = new Node.Subshell(list(true));
            expect(Kind.RPAREN, "\")\"");
        } else if ("if".equals(keyword)) {
            compound = ifClause();
        } else if ("while".equals(keyword) || "until".equals(keyword)) {
            take();
            Node cond = list(true);
            expectKeyword("do");
            Node body = list(true);
            expectKeyword("done");
            compound = new Node.Loop(cond, body, keyword.equals("until"));
        } else if ("for".equals(keyword)) {
            compound = forClause();
        } else if ("case".equals(keyword)) {
            compound = caseClause();
        } else if ("{".equals(keyword)) {
            take();
            compound = list(true);
            expectKeyword("}");
        } else if (keyword != null && KEYWORDS.contains(keyword)) {
            throw unexpected(token, null);
        } else {
            return simple();
        }
        List<Redirect> redirects = new ArrayList<>();
        while (peek().kind() == Kind.REDIRECT) {
            redirects.add(redirect());
        }
        return redirects.isEmpty() ? compound : new Node.Redirected(compound, redirects);
    }

    private Node ifClause() {
        take();
        return ifRest();
    }

    /** An if after its {@code if} or {@code elif}. */
    private Node ifRest() {
        Node cond = list(true);
        expectKeyword("then");
        Node then = list(true);
        Token next = take();
        String keyword = keyword(next);
        Node otherwise = null;
        if ("elif".equals(keyword)) {
            otherwise = ifRest();
            return new Node.If(cond, then, otherwise);
        }
        if ("else".equals(keyword)) {
            otherwise = list(true);
            next = take();
            keyword = keyword(next);
        }
        if (!"fi".equals(keyword)) {
            throw unexpected(next, "\"fi\"");
        }
        return new Node.If(cond, then, otherwise);
    }

    private Node forClause() {
        take();
        Token name = take();
        String text = name.kind() == Kind.WORD ? name.word().plainText() : null;
        if (text == null || text.isEmpty() || !isName(text)) {
            throw lexer.error("bad for loop variable");
        }
        skipNewlines();
        List<Word> items = null;
        if ("in".equals(keyword(peek()))) {
            take();
            items = new ArrayList<>();
            while (peek().kind() == Kind.WORD) {
                items.add(take().word());
            }
            Token end = take();
            if (end.kind() != Kind.SEMI && end.kind() != Kind.NEWLINE) {
                throw unexpected(end, null);
            }
        } else if (peek().kind() == Kind.SEMI) {
            take();
        }
        skipNewlines();
        expectKeyword("do");
        Node body = list(true);
        expectKeyword("done");
        return new Node.For(text, items, body);
    }

    private Node caseClause() {
        take();
        Token subject = take();
        if (subject.kind() != Kind.WORD) {
            throw unexpected(subject, "word");
        }
        skipNewlines();
        expectKeyword("in");
        List<Node.CaseItem> items = new ArrayList<>();
        while (true) {
            skipNewlines();
            if ("esac".equals(keyword(peek()))) {
                take();
                break;
            }
            if (peek().kind() == Kind.LPAREN) {
                take();
            }
            List<Word> patterns = new ArrayList<>();
            patterns.add(expect(Kind.WORD, "word").word());
            while (peek().kind() == Kind.PIPE) {
                take();
                patterns.add(expect(Kind.WORD, "word").word());
            }
            expect(Kind.RPAREN, "\")\"");
            skipNewlines();
            Node body = peek().kind() == Kind.DSEMI || "esac".equals(keyword(peek()))
                    ? new Node.Sequence(List.of()) : list(true);
            items.add(new Node.CaseItem(patterns, body));
            if (peek().kind() == Kind.DSEMI) {
                take();
            } else if (!"esac".equals(keyword(peek()))) {
                throw unexpected(peek(), "\"esac\"");
            }
        }
        return new Node.Case(subject.word(), items);
    }

    private Node simple() {
        int line = peek().line();
        List<Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.REDIRECT) {
                redirects.add(redirect());
            } else if (token.kind() == Kind.WORD) {
                take();
                Assignment assignment = words.isEmpty() ? assignment(token.word()) : null;
                if (assignment != null) {
                    assignments.add(assignment);
                } else {
                    words.add(token.word());
                }
                if (words.size() == 1 && assignments.isEmpty() && redirects.isEmpty()
                        && peek().kind() == Kind.LPAREN) {
                    return function(token);
                }
            } else {
                break;
            }
        }
        if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw unexpected(peek(), null);
        }
        return new Node.Simple(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), line);
    }

    private Node function(Token nameToken) {
        String name = nameToken.word().plainText();
        take();
        expect(Kind.RPAREN, "\")\"");
        if (name == null || !isName(name)) {
            throw lexer.error("bad function name");
        }
        skipNewlines();
        return new Node.Function(name, command());
    }

    private Redirect redirect() {
        Token op = take();
        Token target = take();
        if (target.kind() != Kind.WORD) {
            throw unexpected(target, null);
        }
        return new Redirect(op.fd(), op.text(), target.word());
    }

    /** {@code NAME=value} when the word starts with an unquoted name and {@code =}, else null. */
    private static Assignment assignment(Word word) {
        if (word.parts().isEmpty() || !(word.parts().get(0) instanceof Literal first) || first.quoted()) {
            return null;
        }
        int eq = first.text().indexOf('=');
        if (eq <= 0 || !isName(first.text().substring(0, eq))) {
            return null;
        }
        List<Part> value = new ArrayList<>(word.parts());
        value.set(0, new Literal(first.text().substring(eq + 1), false));
        return new Assignment(first.text().substring(0, eq), new Word(List.copyOf(value)));
    }

    static boolean isName(String text) {
        if (text.isEmpty() || !Lexer.isNameStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(c -> Lexer.isNameChar((char) c));
    }

    /** The reserved word a token spells (an unquoted plain word), else null. */
    private static String keyword(Token token) {
        if (token.kind() != Kind.WORD) {
            return null;
        }
        String text = token.word().plainText();
        return text != null && KEYWORDS.contains(text) ? text : null;
    }

    private void expectKeyword(String keyword) {
        Token token = take();
        if (!keyword.equals(keyword(token))) {
            throw unexpected(token, "\"" + keyword + "\"");
        }
    }

    private Token expect(Kind kind, String name) {
        Token token = take();
        if (token.kind() != kind) {
            throw unexpected(token, name);
        }
        return token;
    }

    /** busybox's {@code unexpected X (expecting Y)}. */
    private SyntaxError unexpected(Token token, String expecting) {
        String name = switch (token.kind()) {
            case EOF -> "end of file";
            case NEWLINE -> "newline";
            case REDIRECT -> "redirection";
            case WORD -> keyword(token) != null ? "\"" + keyword(token) + "\"" : "word";
            default -> "\"" + token.text() + "\"";
        };
        return new SyntaxError("unexpected " + name + (expecting == null ? "" : " (expecting " + expecting + ")"),
                token.line());
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            take();
        }
    }

    private Token peek() {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private Token take() {
        Token token = peek();
        peeked = null;
        return token;
    }
}
