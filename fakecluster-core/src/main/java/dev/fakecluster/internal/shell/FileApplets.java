package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Applets.Applet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applets that work on files and text, against the in-memory {@link FileSystem}, with busybox's messages:
 * {@code touch rm rmdir mkdir cat ls cp mv chmod chown chgrp} (the text filters are in {@link TextApplets}).
 */
final class FileApplets {

    private FileApplets() {
    }

    static void register(Map<String, Applet> applets) {
        applets.put("touch", FileApplets::touch);
        applets.put("rm", FileApplets::rm);
        applets.put("rmdir", FileApplets::rmdir);
        applets.put("mkdir", FileApplets::mkdir);
        applets.put("cat", FileApplets::cat);
        applets.put("ls", FileApplets::ls);
        applets.put("cp", FileApplets::cp);
        applets.put("mv", FileApplets::mv);
        applets.put("wc", TextApplets::wc);
        applets.put("head", call -> TextApplets.headOrTail(call, true));
        applets.put("tail", call -> TextApplets.headOrTail(call, false));
        applets.put("grep", TextApplets::grep);
        applets.put("egrep", TextApplets::grep);
        applets.put("fgrep", TextApplets::grep);
        applets.put("tee", TextApplets::tee);
        applets.put("chmod", FileApplets::chmod);
        applets.put("chown", FileApplets::chmod);
        applets.put("chgrp", FileApplets::chmod);
    }

    /** Parsed command-line options: single-letter flags, letters that take a value, and operands. */
    record Options(Set<Character> flags, Map<Character, String> values, List<String> operands, String invalid) {

        static Options parse(List<String> args, String flagLetters, String valueLetters) {
            Set<Character> flags = new HashSet<>();
            Map<Character, String> values = new HashMap<>();
            List<String> operands = new ArrayList<>();
            boolean options = true;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!options || arg.length() < 2 || arg.charAt(0) != '-') {
                    operands.add(arg);
                    continue;
                }
                if (arg.equals("--")) {
                    options = false;
                    continue;
                }
                for (int j = 1; j < arg.length(); j++) {
                    char letter = arg.charAt(j);
                    if (valueLetters.indexOf(letter) >= 0) {
                        String value = j + 1 < arg.length() ? arg.substring(j + 1) : i + 1 < args.size() ? args.get(++i) : null;
                        if (value == null) {
                            return new Options(flags, values, operands, "option requires an argument -- '" + letter + "'");
                        }
                        values.put(letter, value);
                        break;
                    }
                    if (flagLetters.indexOf(letter) < 0) {
                        return new Options(flags, values, operands, "invalid option -- '" + letter + "'");
                    }
                    flags.add(letter);
                }
            }
            return new Options(flags, values, operands, null);
        }

        boolean has(char flag) {
            return flags.contains(flag);
        }
    }

    /** Parses options, printing the error (exit status 1) when they are invalid; null then. */
    static Options options(Call call, String flagLetters, String valueLetters) {
        Options options = Options.parse(call.args, flagLetters, valueLetters);
        if (options.invalid() != null) {
            call.error(options.invalid());
            return null;
        }
        return options;
    }

    private static int touch(Call call) {
        Options o = options(call, "cam", "dtr");
        if (o == null) {
            return 1;
        }
        if (o.operands().isEmpty()) {
            return Applets.usage(call);
        }
        int status = 0;
        for (String operand : o.operands()) {
            String path = call.path(operand);
            if (!call.fs().exists(path) && !o.has('c') && call.fs().open(path, false) == null) {
                call.error(operand + ": No such file or directory");
                status = 1;
            }
        }
        return status;
    }

    private static int rm(Call call) {
        Options o = options(call, "fiRrv", "");
        if (o == null) {
            return 1;
        }
        if (o.operands().isEmpty() && !o.has('f')) {
            return Applets.usage(call);
        }
        boolean recursive = o.has('r') || o.has('R');
        int status = 0;
        for (String operand : o.operands()) {
            String path = call.path(operand);
            String base = Applets.baseName(operand.replaceAll("/+$", ""));
            if (base.equals(".") || base.equals("..")) {
                call.error("can't remove '.' or '..'");
                status = 1;
            } else if (!call.fs().exists(path)) {
                if (!o.has('f')) {
                    call.error("can't remove '" + operand + "': No such file or directory");
                    status = 1;
                }
            } else if (call.fs().isDirectory(path) && !recursive) {
                call.error("'" + operand + "' is a directory");
                status = 1;
            } else {
                call.fs().remove(path);
                if (path.equals("/")) {
                    call.error("can't remove '" + operand + "': Resource busy");
                    status = 1;
                }
            }
        }
        return status;
    }

    private static int rmdir(Call call) {
        Options o = options(call, "p", "");
        if (o == null) {
            return 1;
        }
        int status = 0;
        for (String operand : o.operands()) {
            String path = call.path(operand);
            List<String> children = call.fs().list(path);
            String problem = !call.fs().exists(path) ? "No such file or directory"
                    : children == null ? "Not a directory" : !children.isEmpty() ? "Directory not empty" : null;
            if (problem != null) {
                call.error("'" + operand + "': " + problem);
                status = 1;
            } else {
                call.fs().remove(path);
            }
        }
        return status;
    }

    private static int mkdir(Call call) {
        Options o = options(call, "p", "m");
        if (o == null) {
            return 1;
        }
        if (o.operands().isEmpty()) {
            return Applets.usage(call);
        }
        int status = 0;
        for (String operand : o.operands()) {
            String path = call.path(operand);
            String problem = null;
            if (o.has('p')) {
                try {
                    call.fs().mkdirs(path);
                } catch (IllegalArgumentException e) {
                    problem = call.fs().exists(path) ? "File exists" : "Not a directory";
                }
            } else if (!call.fs().mkdir(path)) {
                problem = call.fs().exists(path) ? "File exists" : "No such file or directory";
            }
            if (problem != null) {
                call.error("can't create directory '" + operand + "': " + problem);
                status = 1;
            }
        }
        return status;
    }

    /** The content of each operand ({@code -} or none: standard input), or null after printing busybox's error. */
    static List<String> contents(Call call, List<String> operands, boolean quiet) {
        List<String> contents = new ArrayList<>();
        if (operands.isEmpty()) {
            contents.add(call.in().readAll());
            return contents;
        }
        for (String operand : operands) {
            String path = call.path(operand);
            String content = operand.equals("-") ? call.in().readAll() : call.fs().read(path);
            if (content == null && !quiet) {
                call.error(call.fs().isDirectory(path) ? "read error: Is a directory"
                        : "can't open '" + operand + "': No such file or directory");
            }
            contents.add(content);
        }
        return contents;
    }

    private static int cat(Call call) {
        Options o = options(call, "nbvteAu", "");
        if (o == null) {
            return 1;
        }
        int status = 0;
        for (String content : contents(call, o.operands(), false)) {
            if (content == null) {
                status = 1;
            } else {
                call.out(content);
            }
        }
        return status;
    }

    private static int ls(Call call) {
        Options o = options(call, "1aAdlFhrtSRe", "");
        if (o == null) {
            return 1;
        }
        List<String> operands = o.operands().isEmpty() ? List.of(".") : o.operands();
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        int status = 0;
        for (String operand : operands) {
            String path = call.path(operand);
            if (!call.fs().exists(path)) {
                call.error(operand + ": No such file or directory");
                status = 1;
            } else if (call.fs().isDirectory(path) && !o.has('d')) {
                dirs.add(operand);
            } else {
                files.add(operand);
            }
        }
        StringBuilder out = new StringBuilder();
        files.stream().sorted().forEach(f -> out.append(f).append('\n'));
        dirs.sort(null);
        for (String dir : dirs) {
            if (operands.size() > 1) {
                out.append(out.length() > 0 ? "\n" : "").append(dir).append(":\n");
            }
            if (o.has('a')) {
                out.append(".\n..\n");
            }
            for (String name : call.fs().list(call.path(dir))) {
                if (!name.startsWith(".") || o.has('a') || o.has('A')) {
                    out.append(name).append('\n');
                }
            }
        }
        call.out(out.toString());
        return status;
    }

    private static int cp(Call call) {
        Options o = options(call, "RrapfindvLHPdsl", "");
        if (o == null) {
            return 1;
        }
        return copyOrMove(call, o, o.has('r') || o.has('R') || o.has('a'), false);
    }

    private static int mv(Call call) {
        Options o = options(call, "finvT", "");
        if (o == null) {
            return 1;
        }
        return copyOrMove(call, o, true, true);
    }

    private static int copyOrMove(Call call, Options o, boolean recursive, boolean move) {
        List<String> operands = o.operands();
        if (operands.size() < 2) {
            return Applets.usage(call);
        }
        FileSystem fs = call.fs();
        String dest = operands.get(operands.size() - 1);
        boolean intoDir = fs.isDirectory(call.path(dest));
        if (operands.size() > 2 && !intoDir) {
            call.error("'" + dest + "' is not a directory");
            return 1;
        }
        int status = 0;
        for (String source : operands.subList(0, operands.size() - 1)) {
            String from = call.path(source);
            String to = intoDir ? call.path(dest + "/" + Applets.baseName(source.replaceAll("/+$", ""))) : call.path(dest);
            if (!fs.exists(from)) {
                call.error((move ? "can't rename '" : "can't stat '") + source + "': No such file or directory");
                status = 1;
            } else if (fs.isDirectory(from) && !recursive) {
                call.error("omitting directory '" + source + "'");
                status = 1;
            } else if (to.equals(from) || to.startsWith(from.equals("/") ? "/" : from + "/")) {
                call.error(to.equals(from) ? "'" + source + "' and '" + dest + "' are the same file"
                        : "can't " + (move ? "move" : "copy") + " a directory into itself");
                status = 1;
            } else if (!fs.isDirectory(FileSystem.parent(to)) || (fs.isDirectory(to) && !fs.isDirectory(from))) {
                call.error("can't create '" + dest + "': "
                        + (fs.isDirectory(to) ? "Is a directory" : "No such file or directory"));
                status = 1;
            } else if (move) {
                fs.rename(from, to);
            } else {
                copyTree(fs, from, to);
            }
        }
        return status;
    }

    private static void copyTree(FileSystem fs, String from, String to) {
        if (!fs.isDirectory(from)) {
            fs.copyFile(from, to);
            return;
        }
        fs.mkdir(to);
        for (String name : fs.list(from)) {
            copyTree(fs, from + "/" + name, to + "/" + name);
        }
    }

    /** {@code chmod}, {@code chown}, {@code chgrp}: no permissions are modelled; the files must exist. */
    private static int chmod(Call call) {
        List<String> operands = call.args.stream().filter(a -> !a.matches("-[RvcfhHLP]+")).toList();
        if (operands.size() < 2) {
            return Applets.usage(call);
        }
        int status = 0;
        for (String operand : operands.subList(1, operands.size())) {
            if (!call.fs().exists(call.path(operand))) {
                call.error(operand + ": No such file or directory");
                status = 1;
            }
        }
        return status;
    }
}
