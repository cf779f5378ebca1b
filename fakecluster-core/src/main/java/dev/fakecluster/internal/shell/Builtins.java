package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Frames.Jump;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commands that only a shell can run because they change the shell itself: {@code exit}, {@code cd},
 * {@code export}, {@code eval}... ({@code trap} is accepted and ignored: no signal handler ever runs.)
 */
final class Builtins {

    private Builtins() {
    }

    /** Runs {@code name} when it is a builtin, and says whether it was. */
    static boolean run(Interpreter sh, String name, List<String> args, Map<String, String> assigned, int line) {
        switch (name) {
            case ":", "trap", "wait", "umask", "ulimit" -> sh.status = 0;
            case "exit" -> {
                Integer code = args.isEmpty() ? Integer.valueOf(sh.status) : number(sh, name, args.get(0), line);
                sh.jump(new Jump(Jump.Kind.EXIT, 1, code == null ? 2 : code & 0xff));
            }
            case "return" -> {
                Integer code = args.isEmpty() ? Integer.valueOf(sh.status) : number(sh, name, args.get(0), line);
                sh.jump(new Jump(Jump.Kind.RETURN, 1, code == null ? 2 : code & 0xff));
            }
            case "break", "continue" -> {
                Integer count = args.isEmpty() ? Integer.valueOf(1) : number(sh, name, args.get(0), line);
                if (count == null || count < 1) {
                    sh.status = 1;
                } else if (sh.inLoop()) {
                    sh.jump(new Jump(name.equals("break") ? Jump.Kind.BREAK : Jump.Kind.CONTINUE, count, 0));
                } else {
                    sh.status = 0;
                }
            }
            case "cd", "chdir" -> cd(sh, args, line);
            case "export", "readonly", "local" -> export(sh, name, args);
            case "unset" -> unset(sh, args);
            case "shift" -> {
                Integer count = args.isEmpty() ? Integer.valueOf(1) : number(sh, name, args.get(0), line);
                if (count == null || count < 0 || count > sh.positional.size()) {
                    sh.status = count == null ? 2 : 1;
                } else {
                    sh.positional = List.copyOf(sh.positional.subList(count, sh.positional.size()));
                    sh.status = 0;
                }
            }
            case "set" -> set(sh, args);
            case "eval" -> {
                sh.status = 0;
                sh.push(new Frames.ScriptFrame(new Parser(String.join(" ", args))));
            }
            case ".", "source" -> source(sh, name, args, line);
            case "exec" -> {
                sh.status = 0;
                if (!args.isEmpty()) {
                    sh.push(new Frames.ExitFrame());
                    sh.dispatch(args, assigned, line, false);
                }
            }
            case "read" -> read(sh, args);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as a number, or null after printing ash's {@code Illegal number} message. */
    private static Integer number(Interpreter sh, String name, String text, int line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            sh.error(line, name + ": Illegal number: " + text);
            return null;
        }
    }

    private static void cd(Interpreter sh, List<String> args, int line) {
        String target = args.isEmpty() ? sh.vars.getOrDefault("HOME", "/") : args.get(0);
        if (target.equals("-")) {
            target = sh.vars.getOrDefault("OLDPWD", sh.cwd);
        }
        String path = sh.resolve(target);
        if (!sh.fs.isDirectory(path)) {
            sh.error(line, "cd: can't cd to " + target + ": "
                    + (sh.fs.exists(path) ? "Not a directory" : "No such file or directory"));
            sh.status = 2;
            return;
        }
        sh.setVar("OLDPWD", sh.cwd);
        sh.cwd = path;
        sh.setVar("PWD", path);
        sh.status = 0;
    }

    private static void export(Interpreter sh, String name, List<String> args) {
        List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (names.isEmpty() && !name.equals("local")) {
            new TreeMap<>(sh.environment(Map.of())).forEach((k, v) ->
                    sh.out.write(name + " " + k + "='" + v.replace("'", "'\\''") + "'\n"));
        }
        for (String arg : names) {
            int eq = arg.indexOf('=');
            String var = eq < 0 ? arg : arg.substring(0, eq);
            if (eq >= 0) {
                sh.setVar(var, arg.substring(eq + 1));
            } else if (name.equals("local")) {
                sh.setVar(var, "");
            }
            if (name.equals("export")) {
                sh.exported.add(var);
            }
        }
        sh.status = 0;
    }

    private static void unset(Interpreter sh, List<String> args) {
        boolean functions = args.contains("-f");
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            if (functions) {
                sh.functions.remove(arg);
            } else {
                sh.vars.remove(arg);
                sh.exported.remove(arg);
            }
        }
        sh.status = 0;
    }

    /** {@code set -- args} sets the positional parameters; options ({@code -e}, {@code -x}...) are ignored. */
    private static void set(Interpreter sh, List<String> args) {
        sh.status = 0;
        if (args.isEmpty()) {
            new TreeMap<>(sh.vars).forEach((k, v) -> sh.out.write(k + "='" + v.replace("'", "'\\''") + "'\n"));
            return;
        }
        int i = 0;
        while (i < args.size() && (args.get(i).startsWith("-") || args.get(i).startsWith("+"))) {
            String option = args.get(i++);
            if (option.equals("--") || option.equals("-")) {
                sh.positional = List.copyOf(args.subList(i, args.size()));
                return;
            }
            if (option.equals("-o") || option.equals("+o")) {
                i++;
            }
        }
        if (i < args.size()) {
            sh.positional = List.copyOf(args.subList(i, args.size()));
        }
    }

    private static void source(Interpreter sh, String name, List<String> args, int line) {
        if (args.isEmpty()) {
            sh.status = 0;
            return;
        }
        String content = sh.fs.read(sh.resolve(args.get(0)));
        if (content == null) {
            throw new Interpreter.Fatal(name + ": can't open '" + args.get(0) + "': No such file or directory");
        }
        sh.status = 0;
        sh.push(new Frames.ScriptFrame(new Parser(content)));
    }

    /** {@code read [-r] NAME...}: one line of standard input split on blanks; status 1 at the end of input. */
    private static void read(Interpreter sh, List<String> args) {
        boolean raw = false;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-r")) {
                raw = true;
            } else if (arg.equals("-p") || arg.equals("-t") || arg.equals("-n") || arg.equals("-u")) {
                i++;
            } else if (!arg.startsWith("-")) {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            names.add("REPLY");
        }
        String line = sh.in.readLine();
        sh.status = line == null ? 1 : 0;
        String rest = line == null ? "" : raw ? line : line.replaceAll("\\\\(.)", "$1");
        for (int i = 0; i < names.size(); i++) {
            rest = rest.stripLeading();
            if (i == names.size() - 1) {
                sh.setVar(names.get(i), rest.stripTrailing());
            } else {
                int blank = rest.indexOf(' ');
                int tab = rest.indexOf('\t');
                int cut = blank < 0 ? tab : tab < 0 ? blank : Math.min(blank, tab);
                sh.setVar(names.get(i), cut < 0 ? rest : rest.substring(0, cut));
                rest = cut < 0 ? "" : rest.substring(cut);
            }
        }
    }
}
