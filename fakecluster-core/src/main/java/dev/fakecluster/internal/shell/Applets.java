package dev.fakecluster.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The programs of a busybox (or alpine) image. {@link #exists} knows every applet of busybox 1.36's default build.
 * Simulated: the small tools below, {@link Printing} ({@code echo printf}), {@link TimeApplets} ({@code sleep date}),
 * {@link TestCommand} ({@code test [}), {@link FileApplets} and {@link TextApplets}; any other applet prints
 * {@code <name>: applet not simulated} and exits 1. There is no network: {@code wget}, {@code nc} and {@code ping}
 * fail with {@code bad address}; {@code nc -l}, {@code httpd -f} and {@code tail -f} block forever like servers.
 */
public final class Applets {

    /** A program: runs against its {@link Call} and returns the exit status. */
    interface Applet {
        int run(Call call);
    }

    /** busybox 1.36 defconfig applets, plus alpine's own small tools. */
    private static final Set<String> KNOWN = Set.of(("""
            [ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ascii ash awk base32 base64 basename bc
            beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp chmod chown
            chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond crontab cryptpw cttyhack
            cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname
            dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand
            expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find
            findfs flock fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getfattr
            getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock
            i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init insmod
            install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill
            killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname
            logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man
            md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd
            mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client nc
            netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt partprobe passwd paste patch
            pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps
            pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath reboot reformime
            remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts
            runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch setconsole setfattr setfont
            setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha512sum showkey
            shred shuf slattach sleep smemcap softlimit sort split ssl_client start-stop-daemon stat strings stty su
            sulogin sum sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd
            tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute traceroute6 tree true truncate ts
            tsort tty ttysize tunctl ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol udhcpc
            udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime
            users usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami
            whois xargs xxd xz xzcat yes zcat zcip
            apk getconf getent iconv ldconfig ldd scanelf
            """).trim().split("\\s+"));

    /** Shells the interpreter runs; only {@code sh}, {@code ash} and {@code hush} exist in busybox itself. */
    private static final Set<String> SHELLS = Set.of("sh", "ash", "hush", "bash", "dash");

    private static final List<String> BIN_DIRS = List.of("/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/");

    private static final Map<String, Applet> IMPLEMENTED = new HashMap<>();

    static {
        IMPLEMENTED.put("echo", Printing::echo);
        IMPLEMENTED.put("printf", Printing::printf);
        IMPLEMENTED.put("sleep", TimeApplets::sleep);
        IMPLEMENTED.put("usleep", TimeApplets::usleep);
        IMPLEMENTED.put("true", call -> 0);
        IMPLEMENTED.put("false", call -> 1);
        IMPLEMENTED.put("sync", call -> 0);
        IMPLEMENTED.put("test", TestCommand::run);
        IMPLEMENTED.put("[", TestCommand::run);
        IMPLEMENTED.put("date", TimeApplets::date);
        IMPLEMENTED.put("hostname", call -> print(call, call.hostname()));
        IMPLEMENTED.put("whoami", call -> print(call, "root"));
        IMPLEMENTED.put("id", call -> print(call, "uid=0(root) gid=0(root) groups=0(root),10(wheel)"));
        IMPLEMENTED.put("uname", call -> print(call, call.args.contains("-a")
                ? "Linux " + call.hostname() + " 6.1.0 #1 SMP x86_64 GNU/Linux" : "Linux"));
        IMPLEMENTED.put("pwd", call -> print(call, call.cwd()));
        IMPLEMENTED.put("env", Applets::env);
        IMPLEMENTED.put("printenv", Applets::printenv);
        IMPLEMENTED.put("basename", Applets::basename);
        IMPLEMENTED.put("dirname", call -> call.args.isEmpty() ? usage(call) : print(call, dirname(call.args.get(0))));
        IMPLEMENTED.put("seq", Applets::seq);
        IMPLEMENTED.put("wget", call -> network(call, "wget", Set.of("-O", "-o", "-T", "-U", "-P", "--header")));
        IMPLEMENTED.put("nc", call -> call.args.contains("-l") || call.args.contains("-lk")
                ? block(call) : network(call, "nc", Set.of("-w", "-p", "-s", "-e", "-i", "-q")));
        IMPLEMENTED.put("ping", call -> network(call, "ping", Set.of("-c", "-W", "-w", "-i", "-s", "-I")));
        IMPLEMENTED.put("httpd", call -> call.args.contains("-f") ? block(call) : 0);
        FileApplets.register(IMPLEMENTED);
    }

    private Applets() {
    }

    /** Whether {@code executable} (a name, or a path in /bin, /usr/bin, /sbin, /usr/sbin) exists in a busybox or alpine image. */
    public static boolean exists(String executable) {
        String name = applet(executable);
        return name != null && KNOWN.contains(name);
    }

    /** Whether {@code executable} is a shell the interpreter runs ({@code sh}, {@code ash}, {@code bash}...). */
    static boolean isShell(String executable) {
        String name = applet(executable);
        return name != null && SHELLS.contains(name);
    }

    /** The applet {@code executable} runs, or null when the image has no such program. */
    static Applet find(String executable) {
        String name = applet(executable);
        if (name == null || !KNOWN.contains(name)) {
            return null;
        }
        return IMPLEMENTED.getOrDefault(name, call -> {
            call.error("applet not simulated");
            return 1;
        });
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The applet name of a bare name or a path in a bin directory, else null. */
    private static String applet(String executable) {
        if (executable == null || executable.isEmpty()) {
            return null;
        }
        if (!executable.contains("/")) {
            return executable;
        }
        String normalized = FileSystem.normalize(executable);
        for (String dir : BIN_DIRS) {
            if (normalized.startsWith(dir) && normalized.indexOf('/', dir.length()) < 0) {
                return normalized.substring(dir.length());
            }
        }
        return null;
    }

    static int print(Call call, String line) {
        call.out(line + "\n");
        return 0;
    }

    static int usage(Call call) {
        call.error("missing operand");
        return 1;
    }

    static int block(Call call) {
        call.block();
        return 0;
    }

    // ---- environment and small tools --------------------------------------------------------------------------

    /** {@code env} prints the environment ({@code env NAME=value command} is run by the interpreter). */
    private static int env(Call call) {
        call.env.forEach((k, v) -> call.out(k + "=" + v + "\n"));
        return 0;
    }

    private static int printenv(Call call) {
        if (call.args.isEmpty()) {
            return env(call);
        }
        int status = 0;
        for (String name : call.args) {
            if (call.env.containsKey(name)) {
                call.out(call.env.get(name) + "\n");
            } else {
                status = 1;
            }
        }
        return status;
    }

    private static int basename(Call call) {
        if (call.args.isEmpty()) {
            return usage(call);
        }
        String path = call.args.get(0);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String base = path.equals("/") ? "/" : baseName(path);
        if (call.args.size() > 1 && base.endsWith(call.args.get(1)) && !base.equals(call.args.get(1))) {
            base = base.substring(0, base.length() - call.args.get(1).length());
        }
        return print(call, base);
    }

    static String dirname(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        String dir = p.substring(0, slash);
        while (dir.length() > 1 && dir.endsWith("/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        return dir.isEmpty() ? "/" : dir;
    }

    /** {@code seq [FIRST [STEP]] LAST}, integers only. */
    private static int seq(Call call) {
        List<String> a = call.args;
        if (a.isEmpty() || a.size() > 3) {
            return usage(call);
        }
        try {
            long first = a.size() > 1 ? Long.parseLong(a.get(0)) : 1;
            long step = a.size() == 3 ? Long.parseLong(a.get(1)) : 1;
            long last = Long.parseLong(a.get(a.size() - 1));
            StringBuilder out = new StringBuilder();
            for (long i = first; step > 0 ? i <= last : step < 0 && i >= last; i += step) {
                out.append(i).append('\n');
            }
            call.out(out.toString());
            return 0;
        } catch (NumberFormatException e) {
            call.error("invalid number");
            return 1;
        }
    }

    /** A client of the network, which the simulation does not have: {@code <name>: bad address 'host'}. */
    private static int network(Call call, String name, Set<String> optionsWithValue) {
        String target = null;
        for (int i = 0; i < call.args.size(); i++) {
            String arg = call.args.get(i);
            if (optionsWithValue.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-") && target == null) {
                target = arg;
            }
        }
        if (target == null) {
            call.error("missing URL or address");
            return 1;
        }
        String host = target.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("[/?#].*$", "");
        host = host.replaceFirst("^.*@", "");
        call.error("bad address '" + host + "'");
        return 1;
    }
}
