package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Lexer.SyntaxError;
import dev.fakecluster.internal.shell.Node.CommandSub;
import dev.fakecluster.internal.shell.Node.Word;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The interpreter's continuation frames. A frame is popped before it {@link Frame#step steps}; to continue later it
 * pushes itself back, then pushes the work to do first. Nothing recurses on the Java stack while a script runs.
 */
final class Frames {

    private Frames() {
    }

    /** Pending work of the interpreter. */
    interface Frame {
        /** Does the next piece of work (the frame is already popped). */
        void step(Interpreter sh);

        /** A jump passes through this frame: clean up and return the jump to go on, or null to stop it here. */
        default Jump unwind(Interpreter sh, Jump jump) {
            return jump;
        }
    }

    /** {@code exit}, {@code break n}, {@code continue n} or {@code return}, unwinding the stack. */
    record Jump(Kind kind, int count, int status) {
        enum Kind { EXIT, BREAK, CONTINUE, RETURN }
    }

    /** A script, one parsed complete command at a time. */
    static final class ScriptFrame implements Frame {
        private final Parser parser;

        ScriptFrame(Parser parser) {
            this.parser = parser;
        }

        @Override
        public void step(Interpreter sh) {
            Node node;
            try {
                node = parser.next();
            } catch (SyntaxError e) {
                sh.syntaxError(e);
                return;
            }
            if (node != null) {
                sh.push(this);
                sh.exec(node);
            }
        }
    }

    /** A command given as a container's argv, not parsed by a shell. */
    static final class ArgvFrame implements Frame {
        private final List<String> argv;

        ArgvFrame(List<String> argv) {
            this.argv = argv;
        }

        @Override
        public void step(Interpreter sh) {
            sh.countCommand();
            sh.dispatch(argv, Map.of(), 0, true);
        }
    }

    static final class SequenceFrame implements Frame {
        private final List<Node> items;
        private int next;

        SequenceFrame(List<Node> items) {
            this.items = items;
        }

        @Override
        public void step(Interpreter sh) {
            Node item = items.get(next++);
            if (next < items.size()) {
                sh.push(this);
            }
            sh.exec(item);
        }
    }

    static final class AndOrFrame implements Frame {
        private final Node.AndOr node;
        private boolean leftDone;

        AndOrFrame(Node.AndOr node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            if (!leftDone) {
                leftDone = true;
                sh.push(this);
                sh.exec(node.left());
            } else if ((sh.status == 0) == node.and()) {
                sh.exec(node.right());
            }
        }
    }

    /** A pipeline: each stage in a subshell, run to completion, its output the next stage's input. */
    static final class PipelineFrame implements Frame {
        private final Node.Pipeline node;
        private int next;
        private StringBuilder previous;

        PipelineFrame(Node.Pipeline node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            if (next == node.stages().size()) {
                if (node.negated()) {
                    sh.status = sh.status == 0 ? 1 : 0;
                }
                return;
            }
            Node stage = node.stages().get(next);
            Input input = next == 0 ? null : new Input(previous.toString());
            next++;
            previous = next == node.stages().size() ? null : new StringBuilder();
            sh.push(this);
            StringBuilder capture = previous;
            sh.subshell(capture == null ? null : capture::append, input, () -> sh.exec(stage));
        }
    }

    static final class IfFrame implements Frame {
        private final Node.If node;
        private boolean tested;

        IfFrame(Node.If node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            if (!tested) {
                tested = true;
                sh.push(this);
                sh.exec(node.cond());
            } else if (sh.status == 0) {
                sh.exec(node.then());
            } else if (node.otherwise() != null) {
                sh.exec(node.otherwise());
            } else {
                sh.status = 0;
            }
        }
    }

    /** {@code while} and {@code until}; each round counts as a command against the instant's budget. */
    static final class LoopFrame implements Frame {
        private final Node.Loop node;
        private int phase;
        private int bodyStatus;

        LoopFrame(Node.Loop node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            switch (phase) {
                case 0 -> {
                    sh.countCommand();
                    phase = 1;
                    sh.push(this);
                    sh.exec(node.cond());
                }
                case 1 -> {
                    if ((sh.status == 0) != node.until()) {
                        phase = 2;
                        sh.push(this);
                        sh.exec(node.body());
                    } else {
                        sh.status = bodyStatus;
                    }
                }
                default -> {
                    bodyStatus = sh.status;
                    phase = 0;
                    sh.push(this);
                }
            }
        }

        @Override
        public Jump unwind(Interpreter sh, Jump jump) {
            if (jump.kind() != Jump.Kind.BREAK && jump.kind() != Jump.Kind.CONTINUE) {
                return jump;
            }
            if (jump.count() > 1) {
                return new Jump(jump.kind(), jump.count() - 1, jump.status());
            }
            sh.status = 0;
            if (jump.kind() == Jump.Kind.CONTINUE) {
                phase = 0;
                sh.push(this);
            }
            return null;
        }
    }

    /** Runs the command substitutions of some words first (each in a subshell), keeping their output. */
    abstract static class Expanding implements Frame {
        private Map<CommandSub, StringBuilder> outputs;
        boolean substituted;

        /** The expander once the substitutions in {@code words} have run; null when they are scheduled first. */
        Expander expander(Interpreter sh, List<Word> words) {
            if (outputs == null) {
                outputs = new IdentityHashMap<>();
                List<CommandSub> subs = Expander.substitutions(words);
                if (!subs.isEmpty()) {
                    substituted = true;
                    sh.push(this);
                    sh.push(new SubstitutionFrame(subs, outputs));
                    return null;
                }
            }
            return new Expander(sh, outputs);
        }
    }

    static final class SubstitutionFrame implements Frame {
        private final List<CommandSub> subs;
        private final Map<CommandSub, StringBuilder> outputs;
        private int next;

        SubstitutionFrame(List<CommandSub> subs, Map<CommandSub, StringBuilder> outputs) {
            this.subs = subs;
            this.outputs = outputs;
        }

        @Override
        public void step(Interpreter sh) {
            if (next == subs.size()) {
                return;
            }
            CommandSub sub = subs.get(next++);
            StringBuilder output = new StringBuilder();
            outputs.put(sub, output);
            sh.push(this);
            sh.subshell(output::append, null, () -> sh.exec(sub.body()));
        }
    }

    static final class CommandFrame extends Expanding {
        private final Node.Simple node;

        CommandFrame(Node.Simple node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            Expander expander = expander(sh, Interpreter.words(node));
            if (expander != null) {
                sh.runSimple(node, expander, substituted);
            }
        }
    }

    static final class ForFrame extends Expanding {
        private final Node.For node;
        private List<String> values;
        private int next;

        ForFrame(Node.For node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            if (values == null) {
                if (node.items() == null) {
                    values = sh.positional;
                } else {
                    Expander expander = expander(sh, node.items());
                    if (expander == null) {
                        return;
                    }
                    values = new ArrayList<>();
                    node.items().forEach(word -> values.addAll(expander.fields(word)));
                }
                sh.status = 0;
            }
            if (next < values.size()) {
                sh.countCommand();
                sh.setVar(node.name(), values.get(next++));
                sh.push(this);
                sh.exec(node.body());
            }
        }

        @Override
        public Jump unwind(Interpreter sh, Jump jump) {
            if (jump.kind() != Jump.Kind.BREAK && jump.kind() != Jump.Kind.CONTINUE) {
                return jump;
            }
            if (jump.count() > 1) {
                return new Jump(jump.kind(), jump.count() - 1, jump.status());
            }
            sh.status = 0;
            if (jump.kind() == Jump.Kind.CONTINUE) {
                sh.push(this);
            }
            return null;
        }
    }

    static final class CaseFrame extends Expanding {
        private final Node.Case node;

        CaseFrame(Node.Case node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            List<Word> words = new ArrayList<>(List.of(node.word()));
            node.items().forEach(item -> words.addAll(item.patterns()));
            Expander expander = expander(sh, words);
            if (expander == null) {
                return;
            }
            String subject = expander.string(node.word());
            for (Node.CaseItem item : node.items()) {
                for (Word pattern : item.patterns()) {
                    if (Pattern.compile(expander.pattern(pattern), Pattern.DOTALL).matcher(subject).matches()) {
                        sh.exec(item.body());
                        return;
                    }
                }
            }
            sh.status = 0;
        }
    }

    /** A compound command with redirections: streams set for its body, then restored. */
    static final class RedirectedFrame extends Expanding {
        private final Node.Redirected node;

        RedirectedFrame(Node.Redirected node) {
            this.node = node;
        }

        @Override
        public void step(Interpreter sh) {
            List<Word> targets = node.redirects().stream().map(Node.Redirect::target).toList();
            Expander expander = expander(sh, targets);
            if (expander == null) {
                return;
            }
            Interpreter.Io saved = sh.io();
            if (!sh.redirect(node.redirects(), expander, 0)) {
                sh.restoreIo(saved);
                sh.status = 1;
                return;
            }
            sh.push(new RestoreIoFrame(saved));
            sh.exec(node.body());
        }
    }

    static final class RestoreIoFrame implements Frame {
        private final Interpreter.Io saved;

        RestoreIoFrame(Interpreter.Io saved) {
            this.saved = saved;
        }

        @Override
        public void step(Interpreter sh) {
            sh.restoreIo(saved);
        }

        @Override
        public Jump unwind(Interpreter sh, Jump jump) {
            sh.restoreIo(saved);
            return jump;
        }
    }

    /** The end of a subshell: restores the parent's state; stops every jump ({@code exit} sets the status). */
    static final class SubshellFrame implements Frame {
        private final Interpreter.Snapshot saved;

        SubshellFrame(Interpreter.Snapshot saved) {
            this.saved = saved;
        }

        @Override
        public void step(Interpreter sh) {
            sh.restore(saved);
        }

        @Override
        public Jump unwind(Interpreter sh, Jump jump) {
            if (jump.kind() == Jump.Kind.EXIT || jump.kind() == Jump.Kind.RETURN) {
                sh.status = jump.status();
            }
            sh.restore(saved);
            return null;
        }
    }

    /** The end of a function call: restores the positional parameters; stops {@code return}. */
    static final class FunctionFrame implements Frame {
        private final List<String> savedPositional;

        FunctionFrame(List<String> savedPositional) {
            this.savedPositional = savedPositional;
        }

        @Override
        public void step(Interpreter sh) {
            sh.positional = savedPositional;
        }

        @Override
        public Jump unwind(Interpreter sh, Jump jump) {
            sh.positional = savedPositional;
            if (jump.kind() == Jump.Kind.RETURN) {
                sh.status = jump.status();
                return null;
            }
            return jump;
        }
    }

    /** After {@code exec command}: the shell ends with the command's status. */
    static final class ExitFrame implements Frame {
        @Override
        public void step(Interpreter sh) {
            sh.jump(new Jump(Jump.Kind.EXIT, 1, sh.status));
        }
    }
}
