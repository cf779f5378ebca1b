package dev.fakecluster.internal.shell;

import dev.fakecluster.internal.shell.Node.Redirect;
import java.util.List;

/**
 * Redirections ({@code > >> < >& <& &>}) of a command's standard streams to files of the in-memory filesystem,
 * {@code /dev/null}, {@code /dev/stdout}, {@code /dev/stderr} or each other, with ash's error messages.
 */
final class Redirections {

    private final Interpreter sh;
    private final int line;

    Redirections(Interpreter sh, int line) {
        this.sh = sh;
        this.line = line;
    }

    /** Applies the redirections; on an error prints it and returns false. */
    boolean apply(List<Redirect> redirects, Expander expander) {
        for (Redirect r : redirects) {
            String target = expander.string(r.target());
            switch (r.op()) {
                case "<", "<&" -> {
                    if (r.op().equals("<&") && target.matches("\\d+|-")) {
                        continue;
                    }
                    String content = sh.fs.read(sh.resolve(target));
                    if (content == null) {
                        sh.error(line, "can't open " + target + ": "
                                + (sh.fs.isDirectory(sh.resolve(target)) ? "Is a directory" : "no such file"));
                        return false;
                    }
                    if (r.fd() == 0) {
                        sh.in = new Input(content);
                    }
                }
                case ">&" -> {
                    if (target.equals("-")) {
                        setFd(r.fd(), Sink.NULL);
                    } else if (target.matches("\\d+")) {
                        int fd = Integer.parseInt(target);
                        setFd(r.fd(), fd == 2 ? sh.err : fd == 1 ? sh.out : Sink.NULL);
                    } else {
                        Sink sink = openForWrite(target, false);
                        if (sink == null) {
                            return false;
                        }
                        sh.out = sink;
                        sh.err = sink;
                    }
                }
                default -> {
                    Sink sink = openForWrite(target, r.op().equals(">>"));
                    if (sink == null) {
                        return false;
                    }
                    if (r.op().equals("&>")) {
                        sh.out = sink;
                        sh.err = sink;
                    } else {
                        setFd(r.fd(), sink);
                    }
                }
            }
        }
        return true;
    }

    private void setFd(int fd, Sink sink) {
        if (fd == 1) {
            sh.out = sink;
        } else if (fd == 2) {
            sh.err = sink;
        }
    }

    private Sink openForWrite(String target, boolean append) {
        String path = sh.resolve(target);
        if (path.equals("/dev/stdout") || path.equals("/dev/fd/1")) {
            return sh.out;
        }
        if (path.equals("/dev/stderr") || path.equals("/dev/fd/2")) {
            return sh.err;
        }
        if (sh.fs.isSink(path)) {
            return Sink.NULL;
        }
        StringBuilder file = sh.fs.isDirectory(path) ? null : sh.fs.open(path, !append);
        if (file == null) {
            sh.error(line, "can't create " + target + ": "
                    + (sh.fs.isDirectory(path) ? "Is a directory" : "nonexistent directory"));
            return null;
        }
        return file::append;
    }
}
