package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Frames.Frame;
import dev.fakecluster.internal.shell.Frames.Jump;
import dev.fakecluster.internal.shell.Lexer.SyntaxError;
import dev.fakecluster.internal.shell.Node.Assignment;
import dev.fakecluster.internal.shell.Node.Redirect;
import dev.fakecluster.internal.shell.Node.Simple;
import dev.fakecluster.internal.shell.Node.Word;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shell machine: its state (variables, working directory, standard streams, virtual time) and an explicit
 * continuation, a stack of {@link Frame}s, so that it can stop in the middle of a script when a command sleeps and
 * carry on later. {@link #run()} works until the script ends, sleeps, or has run {@link #COMMANDS_PER_INSTANT}
 * commands at one virtual instant.
 */
final class Interpreter {

    /** Commands (and loop rounds) one virtual instant may run before the process is deemed stuck in a busy loop. */
    static final int COMMANDS_PER_INSTANT = 10_000;

    /** What {@link #run()} stopped on. */
    sealed interface Outcome {}

    /** The script ended with {@code status}. */
    record Done(int status) implements Outcome {}

    /** A command sleeps for {@code duration}; run again once it has passed. */
    record Sleeping(Duration duration) implements Outcome {}

    /** Nothing more will happen by itself: {@code sleep infinity}, a server applet, or a busy loop. */
    record Blocked() implements Outcome {}

    /** An error that ends the shell (expansion and arithmetic errors), printed after the shell's name. */
    static final class Fatal extends IllegalStateException {
        Fatal(String message) {
            super(message);
        }
    }

    /** The standard streams of the moment. */
    record Io(Sink out, Sink err, Input in) {}

    /** The part of the state a subshell copies and restores. */
    record Snapshot(Map<String, String> vars, Set<String> exported, Map<String, Node> functions, List<String> positional,
            String arg0, String commandName, String cwd, Io io) {}

    final FileSystem fs;
    final String hostname;
    Map<String, String> vars = new LinkedHashMap<>();
    Set<String> exported = new LinkedHashSet<>();
    Map<String, Node> functions = new HashMap<>();
    List<String> positional = List.of();
    /** {@code $0}, which also starts error messages. */
    String arg0;
    /** Set when the shell runs a named script: error messages then give a line number. */
    String commandName;
    String cwd = "/";
    int status;
    Sink out;
    Sink err;
    Input in = Input.empty();
    Instant now;
    private int budget = COMMANDS_PER_INSTANT;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private Duration sleep;
    private boolean blocked;

    Interpreter(FileSystem fs, Map<String, String> env, Instant now, Sink out, Sink err) {
        this.fs = fs;
        this.now = now;
        this.out = out;
        this.err = err;
        vars.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        vars.put("HOME", "/root");
        vars.putAll(env);
        exported.addAll(vars.keySet());
        hostname = env.getOrDefault("HOSTNAME", "localhost");
    }

    /** Sets up the program of a container or exec: a shell with its arguments, or a command run directly. */
    void launch(List<String> argv) {
        if (Applets.isShell(argv.get(0))) {
            arg0 = argv.get(0);
            configure(argv);
        } else {
            arg0 = "sh";
            push(new Frames.ArgvFrame(argv));
        }
    }

    // ---- running --------------------------------------------------------------------------------------------

    /** Runs frames until the script ends, sleeps, blocks, or exhausts this instant's budget. */
    Outcome run() {
        while (true) {
            if (blocked) {
                return new Blocked();
            }
            if (sleep != null) {
                Duration duration = sleep;
                sleep = null;
                return new Sleeping(duration);
            }
            if (stack.isEmpty()) {
                return new Done(status);
            }
            if (budget <= 0) {
                blocked = true;
                continue;
            }
            Frame frame = stack.pop();
            try {
                frame.step(this);
            } catch (Fatal e) {
                error(0, e.getMessage());
                jump(new Jump(Jump.Kind.EXIT, 1, 2));
            }
        }
    }

    /** Moves the virtual clock to {@code t}; a later instant gets a fresh command budget. */
    void advanceClock(Instant t) {
        if (t.isAfter(now)) {
            now = t;
            budget = COMMANDS_PER_INSTANT;
        }
    }

    void push(Frame frame) {
        stack.push(frame);
    }

    /** Counts one command against this instant's budget. */
    void countCommand() {
        budget--;
    }

    /** The current command sleeps for {@code duration} once it returns. */
    void sleep(Duration duration) {
        sleep = duration;
    }

    /** The current command never returns. */
    void block() {
        blocked = true;
    }

    /** Unwinds frames until one catches {@code jump}; with none left, the script is over. */
    void jump(Jump jump) {
        Jump pending = jump;
        while (pending != null && !stack.isEmpty()) {
            pending = stack.pop().unwind(this, pending);
        }
        if (pending != null && (pending.kind() == Jump.Kind.EXIT || pending.kind() == Jump.Kind.RETURN)) {
            status = pending.status();
        }
    }

    /** Whether a loop encloses the current command in this shell or function ({@code break}, {@code continue}). */
    boolean inLoop() {
        for (Frame frame : stack) {
            if (frame instanceof Frames.LoopFrame || frame instanceof Frames.ForFrame) {
                return true;
            }
            if (frame instanceof Frames.SubshellFrame || frame instanceof Frames.FunctionFrame) {
                return false;
            }
        }
        return false;
    }

    /** Pushes the frames that run {@code node}. */
    void exec(Node node) {
        if (node instanceof Simple simple) {
            push(new Frames.CommandFrame(simple));
        } else if (node instanceof Node.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                status = 0;
            } else {
                push(new Frames.SequenceFrame(sequence.items()));
            }
        } else if (node instanceof Node.AndOr andOr) {
            push(new Frames.AndOrFrame(andOr));
        } else if (node instanceof Node.Pipeline pipeline) {
            push(new Frames.PipelineFrame(pipeline));
        } else if (node instanceof Node.If ifNode) {
            push(new Frames.IfFrame(ifNode));
        } else if (node instanceof Node.Loop loop) {
            push(new Frames.LoopFrame(loop));
        } else if (node instanceof Node.For forNode) {
            push(new Frames.ForFrame(forNode));
        } else if (node instanceof Node.Case caseNode) {
            push(new Frames.CaseFrame(caseNode));
        } else if (node instanceof Node.Subshell subshell) {
            subshell(null, null, () -> exec(subshell.body()));
        } else if (node instanceof Node.Redirected redirected) {
            push(new Frames.RedirectedFrame(redirected));
        } else if (node instanceof Node.Function function) {
            functions.put(function.name(), function.body());
            status = 0;
        } else {
            throw new IllegalStateException("unknown node " + node);
        }
    }

    /** Runs {@code body} in a subshell: copies of the state, restored when it ends, even by {@code exit}. */
    void subshell(Sink output, Input input, Runnable body) {
        push(new Frames.SubshellFrame(snapshot()));
        vars = new LinkedHashMap<>(vars);
        exported = new LinkedHashSet<>(exported);
        functions = new HashMap<>(functions);
        if (output != null) {
            out = output;
        }
        if (input != null) {
            in = input;
        }
        body.run();
    }

    Snapshot snapshot() {
        return new Snapshot(vars, exported, functions, positional, arg0, commandName, cwd, io());
    }

    void restore(Snapshot s) {
        vars = s.vars();
        exported = s.exported();
        functions = s.functions();
        positional = s.positional();
        arg0 = s.arg0();
        commandName = s.commandName();
        cwd = s.cwd();
        restoreIo(s.io());
    }

    Io io() {
        return new Io(out, err, in);
    }

    void restoreIo(Io io) {
        out = io.out();
        err = io.err();
        in = io.in();
    }

    // ---- simple commands --------------------------------------------------------------------------------------

    /** Every word of a simple command that gets expanded. */
    static List<Word> words(Simple cmd) {
        List<Word> words = new ArrayList<>(cmd.words());
        cmd.assignments().forEach(a -> words.add(a.value()));
        cmd.redirects().forEach(r -> words.add(r.target()));
        return words;
    }

    /** Runs a simple command whose command substitutions have run ({@code substituted}: there were some). */
    void runSimple(Simple cmd, Expander expander, boolean substituted) {
        countCommand();
        List<String> argv = new ArrayList<>();
        for (Word word : cmd.words()) {
            argv.addAll(expander.fields(word));
        }
        if (argv.isEmpty()) {
            int after = substituted ? status : 0;
            for (Assignment a : cmd.assignments()) {
                setVar(a.name(), expander.string(a.value()));
            }
            Io saved = io();
            boolean redirected = redirect(cmd.redirects(), expander, cmd.line());
            restoreIo(saved);
            status = redirected ? after : 1;
            return;
        }
        Map<String, String> assigned = new LinkedHashMap<>();
        for (Assignment a : cmd.assignments()) {
            assigned.put(a.name(), expander.string(a.value()));
        }
        Io saved = io();
        if (!redirect(cmd.redirects(), expander, cmd.line())) {
            restoreIo(saved);
            status = 1;
            return;
        }
        boolean permanent = argv.size() == 1 && argv.get(0).equals("exec");
        if (!cmd.redirects().isEmpty() && !permanent) {
            push(new Frames.RestoreIoFrame(saved));
        }
        dispatch(argv, assigned, cmd.line(), false);
    }

    /** Runs a command by name: a function, a builtin, a shell, an applet, or a script file of the filesystem. */
    void dispatch(List<String> argv, Map<String, String> assigned, int line, boolean direct) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        if (!direct && functions.containsKey(name)) {
            List<String> saved = positional;
            positional = List.copyOf(args);
            push(new Frames.FunctionFrame(saved));
            exec(functions.get(name));
            return;
        }
        if (!direct && Builtins.run(this, name, args, assigned, line)) {
            return;
        }
        if (Applets.isShell(name)) {
            runChildShell(argv, assigned);
            return;
        }
        Applets.Applet applet = Applets.find(name);
        if (applet != null && Applets.baseName(name).equals("env") && runsCommand(args)) {
            env(args, assigned, line);
            return;
        }
        if (applet != null) {
            Map<String, String> env = environment(assigned);
            status = applet.run(new Call(this, Applets.baseName(name), List.copyOf(args), env));
            return;
        }
        if (name.contains("/") && fs.isFile(resolve(name))) {
            List<String> shArgv = new ArrayList<>(List.of("sh", name));
            shArgv.addAll(args);
            runChildShell(shArgv, assigned);
            return;
        }
        if (direct) {
            err.write(name.contains("/")
                    ? "exec: \"" + name + "\": stat " + name + ": no such file or directory\n"
                    : "exec: \"" + name + "\": executable file not found in $PATH\n");
        } else {
            error(line, name + ": not found");
        }
        status = 127;
    }

    private static boolean runsCommand(List<String> envArgs) {
        return envArgs.stream().anyMatch(arg -> arg.indexOf('=') <= 0 && !arg.startsWith("-"));
    }

    /** {@code env [-i] [NAME=value]... command [args]}: the command runs with those variables added. */
    private void env(List<String> args, Map<String, String> assigned, int line) {
        Map<String, String> added = new LinkedHashMap<>(assigned);
        int i = 0;
        while (i < args.size() && (args.get(i).indexOf('=') > 0 || args.get(i).startsWith("-"))) {
            String arg = args.get(i++);
            if (arg.indexOf('=') > 0) {
                added.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        List<String> command = args.subList(i, args.size());
        String name = command.get(0);
        if (Applets.find(name) == null && !Applets.isShell(name) && !(name.contains("/") && fs.isFile(resolve(name)))) {
            err.write("env: can't execute '" + name + "': No such file or directory\n");
            status = 127;
            return;
        }
        dispatch(command, added, line, true);
    }

    /** Another shell started by this one: a child process that inherits exported variables only. */
    private void runChildShell(List<String> argv, Map<String, String> assigned) {
        subshell(null, null, () -> {
            Map<String, String> env = environment(assigned);
            vars = new LinkedHashMap<>(env);
            exported = new LinkedHashSet<>(env.keySet());
            functions = new HashMap<>();
            arg0 = argv.get(0);
            commandName = null;
            status = 0;
            configure(argv);
        });
    }

    /** Applies {@code sh [-c script [name [args]] | file [args]]} to this shell and schedules the script. */
    private void configure(List<String> argv) {
        int i = 1;
        boolean command = false;
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("--") || arg.equals("-")) {
                i++;
                break;
            }
            if (arg.length() < 2 || (arg.charAt(0) != '-' && arg.charAt(0) != '+')) {
                break;
            }
            command |= arg.charAt(0) == '-' && arg.indexOf('c') > 0;
            i++;
        }
        String source;
        if (command) {
            if (i >= argv.size()) {
                err.write(arg0 + ": -c requires an argument\n");
                status = 2;
                return;
            }
            source = argv.get(i++);
            if (i < argv.size()) {
                arg0 = argv.get(i++);
                commandName = arg0;
            }
        } else if (i < argv.size()) {
            String file = argv.get(i++);
            source = fs.read(resolve(file));
            if (source == null) {
                err.write(arg0 + ": can't open '" + file + "': "
                        + (fs.isDirectory(resolve(file)) ? "Is a directory" : "No such file or directory") + "\n");
                status = 2;
                return;
            }
            arg0 = file;
            commandName = file;
        } else {
            source = in.readAll();
        }
        positional = List.copyOf(argv.subList(i, argv.size()));
        push(new Frames.ScriptFrame(new Parser(source)));
    }

    /** Reports a syntax error the way ash does and ends the shell with status 2. */
    void syntaxError(SyntaxError e) {
        error(e.line, "syntax error: " + e.getMessage());
        jump(new Jump(Jump.Kind.EXIT, 1, 2));
    }

    /** Writes {@code <$0>: [line N: ]message} to standard error. */
    void error(int line, String message) {
        err.write(arg0 + ": " + (commandName != null && line > 0 ? "line " + line + ": " : "") + message + "\n");
    }

    /** Applies redirections to the current streams; on an error prints it and returns false. */
    boolean redirect(List<Redirect> redirects, Expander expander, int line) {
        return new Redirections(this, line).apply(redirects, expander);
    }

    // ---- variables and paths ----------------------------------------------------------------------------------

    void setVar(String name, String value) {
        vars.put(name, value);
    }

    /** The exported variables, with a command's own {@code NAME=value} prefixes. */
    Map<String, String> environment(Map<String, String> assigned) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : exported) {
            if (vars.containsKey(name)) {
                env.put(name, vars.get(name));
            }
        }
        env.putAll(assigned);
        return env;
    }

    /** {@code path} made absolute against the working directory and normalized. */
    String resolve(String path) {
        return FileSystem.normalize(path.startsWith("/") ? path : cwd + "/" + path);
    }
}
