package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a simulated container does, worked out from its {@code command} and {@code args} without
 * running anything: a container without a command runs its image's server forever; a command is
 * read as a small shell ({@code sh -c} scripts of {@code echo}, {@code sleep}, {@code exit},
 * {@code true}, {@code false}, joined by {@code ;}, {@code &&}, {@code ||}, and
 * {@code while true} loops). In a userland image (busybox, alpine...) a program it does not have
 * fails to start, as in a real runtime; any other image's command is its own long-running program.
 *
 * @param startError the runtime's error when the executable does not exist, else null
 * @param output the lines the container writes to stdout
 * @param exitCode its exit code once it finishes
 * @param runtime how long it runs before exiting
 * @param forever true when it never exits by itself
 */
record Program(String startError, List<String> output, int exitCode, Duration runtime, boolean forever) {

    private static final Set<String> SHELL_IMAGES = Set.of("busybox", "alpine", "ubuntu", "debian", "centos", "fedora");
    private static final Set<String> SHELLS = Set.of("sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash");
    /** Programs busybox provides that the simulation treats as succeeding silently. */
    private static final Set<String> QUIET = Set.of("touch", "rm", "mkdir", "cat", "ls", "test", "[", "cd", "cp", "mv",
            "chmod", "ln", "wget", "nc", "env", "hostname", "id", "ps", "sync", "tail", "head", "grep", ":");

    static Program longRunning() {
        return new Program(null, List.of(), 0, Duration.ZERO, true);
    }

    /** The program of a container spec. */
    static Program of(JsonNode container) {
        List<String> argv = new ArrayList<>();
        container.path("command").forEach(a -> argv.add(a.asText()));
        container.path("args").forEach(a -> argv.add(a.asText()));
        if (argv.isEmpty()) {
            return longRunning();
        }
        String exe = argv.get(0);
        if (SHELLS.contains(exe)) {
            if (argv.size() >= 3 && argv.get(1).equals("-c")) {
                return script(argv.get(2));
            }
            return longRunning();
        }
        if (!isShellImage(container.path("image").asText())) {
            // The image's own program (node_exporter, a server...): it runs until stopped.
            return longRunning();
        }
        if (!isKnown(baseName(exe))) {
            return new Program("failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                    + "runc create failed: unable to start container process: exec: \"" + exe
                    + "\": executable file not found in $PATH: unknown", List.of(), 128, Duration.ZERO, false);
        }
        return script(String.join(" ", argv.stream().map(Program::quote).toList()));
    }

    private static String quote(String word) {
        return word.isEmpty() || word.chars().anyMatch(ch -> " \t;&|'\"".indexOf(ch) >= 0)
                ? "'" + word.replace("'", "'\\''") + "'" : word;
    }

    private static String baseName(String exe) {
        int slash = exe.lastIndexOf('/');
        return slash >= 0 ? exe.substring(slash + 1) : exe;
    }

    /** Images that are only a userland (busybox, alpine, distributions): every program must be one of theirs. */
    private static boolean isShellImage(String image) {
        String repo = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repo.lastIndexOf(':');
        if (colon > repo.lastIndexOf('/')) {
            repo = repo.substring(0, colon);
        }
        return SHELL_IMAGES.contains(baseName(repo));
    }

    private static boolean isKnown(String name) {
        return QUIET.contains(name) || Set.of("echo", "sleep", "exit", "true", "false", "date", "printf").contains(name)
                || SHELLS.contains(name);
    }

    /** Runs a script symbolically: accumulates output and sleeps until an exit or the end. */
    private static Program script(String text) {
        if (text.replaceAll("\\s+", " ").contains("while true")) {
            return longRunning();
        }
        List<String> output = new ArrayList<>();
        long seconds = 0;
        int status = 0;
        String connector = ";";
        for (String[] part : split(text)) {
            String op = part[0];
            String command = part[1].trim();
            boolean run = connector.equals(";") || (connector.equals("&&") && status == 0)
                    || (connector.equals("||") && status != 0);
            connector = op;
            if (!run || command.isEmpty()) {
                continue;
            }
            List<String> words = words(command);
            String name = words.get(0);
            List<String> args = words.subList(1, words.size());
            boolean redirected = args.contains(">") || args.contains(">>");
            switch (name) {
                case "echo" -> {
                    if (!redirected) {
                        output.add(String.join(" ", args));
                    }
                    status = 0;
                }
                case "sleep" -> {
                    if (!args.isEmpty() && args.get(0).equals("infinity")) {
                        return new Program(null, output, 0, Duration.ZERO, true);
                    }
                    seconds += args.isEmpty() ? 0 : parseSeconds(args.get(0));
                    status = 0;
                }
                case "exit" -> {
                    return new Program(null, output, args.isEmpty() ? status : parseInt(args.get(0)),
                            Duration.ofSeconds(seconds), false);
                }
                case "true", "date", "printf" -> status = 0;
                case "false" -> status = 1;
                default -> {
                    if (QUIET.contains(name) || SHELLS.contains(name)) {
                        status = 0;
                    } else {
                        output.add("sh: " + name + ": not found");
                        status = 127;
                    }
                }
            }
        }
        return new Program(null, output, status, Duration.ofSeconds(seconds), false);
    }

    /** Splits a script into {connector-after, command} pairs on ;, newlines, && and ||, outside quotes. */
    private static List<String[]> split(String text) {
        List<String[]> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ';' || c == '\n') {
                parts.add(new String[] {";", cur.toString()});
                cur.setLength(0);
            } else if ((c == '&' || c == '|') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                parts.add(new String[] {c == '&' ? "&&" : "||", cur.toString()});
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
            }
        }
        parts.add(new String[] {";", cur.toString()});
        return parts;
    }

    /** Shell words with single and double quotes removed. */
    private static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    private static long parseSeconds(String s) {
        try {
            return (long) Math.ceil(Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 2;
        }
    }
}
