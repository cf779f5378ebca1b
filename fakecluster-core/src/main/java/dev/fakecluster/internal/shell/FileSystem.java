package dev.fakecluster.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's filesystem, held in memory: directories, text files and the {@code /dev/null} sink. Nothing touches
 * the host. Paths are absolute ({@code /tmp/x}); a relative path is taken from {@code /}; {@code .}, {@code ..} and
 * repeated slashes are resolved. Single-threaded use, like the rest of the simulation.
 */
public final class FileSystem {

    /** What a path is. A file's content is a buffer that stays valid (like an open inode) after it is removed. */
    private record Entry(Kind kind, StringBuilder content) {}

    private enum Kind { DIRECTORY, FILE, NULL_DEVICE }

    private final TreeMap<String, Entry> entries = new TreeMap<>();

    /** An image's skeleton: {@code /}, {@code /bin}, {@code /dev} with {@code /dev/null}, {@code /etc}, {@code /home}, {@code /root}, {@code /tmp}, {@code /usr/bin}, {@code /var}... */
    public FileSystem() {
        for (String dir : List.of("/", "/bin", "/dev", "/etc", "/home", "/root", "/sbin", "/tmp", "/usr", "/usr/bin",
                "/usr/sbin", "/var")) {
            entries.put(dir, new Entry(Kind.DIRECTORY, null));
        }
        entries.put("/dev/null", new Entry(Kind.NULL_DEVICE, null));
    }

    /** Whether anything (file, directory, device) is at {@code path}. */
    public boolean exists(String path) {
        return entries.containsKey(normalize(path));
    }

    /** Whether {@code path} is a directory. */
    public boolean isDirectory(String path) {
        return kind(path) == Kind.DIRECTORY;
    }

    /** Whether {@code path} is a regular file. */
    public boolean isFile(String path) {
        return kind(path) == Kind.FILE;
    }

    /** The content of the file at {@code path} ({@code ""} for {@code /dev/null}); null when absent or a directory. */
    public String read(String path) {
        Entry entry = entries.get(normalize(path));
        if (entry == null || entry.kind() == Kind.DIRECTORY) {
            return null;
        }
        return entry.kind() == Kind.FILE ? entry.content().toString() : "";
    }

    /** Writes (or appends) {@code content} to the file at {@code path}, creating it and missing parent directories. */
    public void write(String path, String content, boolean append) {
        String p = normalize(path);
        mkdirs(parent(p));
        StringBuilder file = open(p, !append);
        if (file == null && isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a directory");
        }
        if (file != null) {
            file.append(content);
        }
    }

    /** Creates the directory {@code path} and its missing parents, like {@code mkdir -p}. */
    public void mkdirs(String path) {
        String p = normalize(path);
        if (isDirectory(p)) {
            return;
        }
        if (exists(p)) {
            throw new IllegalArgumentException(p + " exists and is not a directory");
        }
        mkdirs(parent(p));
        entries.put(p, new Entry(Kind.DIRECTORY, null));
    }

    /** Removes {@code path} and, for a directory, everything under it ({@code /} itself stays); false when absent. */
    public boolean remove(String path) {
        String p = normalize(path);
        if (!exists(p)) {
            return false;
        }
        Entry root = entries.get("/");
        entries.subMap(childPrefix(p), childPrefix(p) + Character.MAX_VALUE).clear();
        entries.remove(p);
        entries.put("/", root);
        return true;
    }

    /** The sorted names of the entries directly in directory {@code path}; null when it is not a directory. */
    public List<String> list(String path) {
        String p = normalize(path);
        if (!isDirectory(p)) {
            return null;
        }
        String prefix = childPrefix(p);
        List<String> names = new ArrayList<>();
        for (String child : entries.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
            String rest = child.substring(prefix.length());
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                names.add(rest);
            }
        }
        return names;
    }

    /** Creates one directory whose parent exists; false when the parent is missing or the path exists. */
    boolean mkdir(String path) {
        String p = normalize(path);
        if (exists(p) || !isDirectory(parent(p))) {
            return false;
        }
        entries.put(p, new Entry(Kind.DIRECTORY, null));
        return true;
    }

    /**
     * Opens the file at {@code path} for writing, creating it when its directory exists: its content buffer, emptied
     * when {@code truncate}; null for {@code /dev/null}, a directory or a missing directory (check with {@link #isDirectory}).
     */
    StringBuilder open(String path, boolean truncate) {
        String p = normalize(path);
        Entry entry = entries.get(p);
        if (entry == null) {
            if (!isDirectory(parent(p))) {
                return null;
            }
            entry = new Entry(Kind.FILE, new StringBuilder());
            entries.put(p, entry);
        }
        if (entry.kind() != Kind.FILE) {
            return null;
        }
        if (truncate) {
            entry.content().setLength(0);
        }
        return entry.content();
    }

    /** Whether writes to {@code path} are discarded ({@code /dev/null}). */
    boolean isSink(String path) {
        return kind(path) == Kind.NULL_DEVICE;
    }

    /** Copies the file at {@code from} to {@code to} (whose directory must exist); false when it could not. */
    boolean copyFile(String from, String to) {
        String content = read(from);
        StringBuilder target = content == null ? null : open(to, true);
        if (target != null) {
            target.append(content);
        }
        return target != null || (content != null && isSink(to));
    }

    /** Moves {@code from} (and, for a directory, its subtree) to {@code to}; the caller checks both paths first. */
    void rename(String from, String to) {
        String f = normalize(from);
        String t = normalize(to);
        Map<String, Entry> moved = new TreeMap<>(entries.subMap(childPrefix(f), childPrefix(f) + Character.MAX_VALUE));
        Entry self = entries.get(f);
        remove(f);
        remove(t);
        entries.put(t, self);
        moved.forEach((p, e) -> entries.put(childPrefix(t) + p.substring(childPrefix(f).length()), e));
    }

    /** The absolute, normalized form of {@code path}. */
    static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The directory holding {@code path} ({@code /} for {@code /}). */
    static String parent(String path) {
        String p = normalize(path);
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    private Kind kind(String path) {
        Entry entry = entries.get(normalize(path));
        return entry == null ? null : entry.kind();
    }

    private static String childPrefix(String normalized) {
        return normalized.equals("/") ? "/" : normalized + "/";
    }
}
