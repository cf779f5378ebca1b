package dev.fakecluster.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.internal.shell.Process.Exited;
import dev.fakecluster.internal.shell.Process.Running;
import dev.fakecluster.internal.shell.Process.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sh language as busybox runs it: statements, control flow, expansion, redirection and errors. */
class ShellScriptTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final FileSystem fs = new FileSystem();
    private final List<String> lines = new ArrayList<>();

    /** Runs a script for up to a virtual day. */
    private State sh(String script) {
        return sh(script, Map.of());
    }

    private State sh(String script, Map<String, String> env) {
        return Process.start(List.of("sh", "-c", script), fs, env, T0, lines::add).advanceTo(T0.plus(Duration.ofDays(1)));
    }

    private static Exited exited(int code) {
        return new Exited(code, T0);
    }

    @Test
    void echoPrintsLinesAndKeepsPartialLinesTogether() {
        assertThat(sh("echo hello world; echo -n 'a '; echo -n b; echo c; echo -e 'x\\ty\\nz'; echo -n tail"))
                .isEqualTo(exited(0));
        assertThat(lines).containsExactly("hello world", "a bc", "x\ty", "z", "tail");
    }

    @Test
    void exitCodeIsTheArgumentOfExitOrTheLastStatus() {
        assertThat(sh("exit 3")).isEqualTo(exited(3));
        assertThat(sh("true; false")).isEqualTo(exited(1));
        assertThat(sh("false; exit")).isEqualTo(exited(1));
        assertThat(sh("echo before; exit 4; echo after")).isEqualTo(exited(4));
        assertThat(lines).containsExactly("before");
    }

    @Test
    void andOrChainsShortCircuit() {
        sh("true && echo a; false && echo b; false || echo c; true || echo d; false && echo e || echo f; ! false && echo g");

        assertThat(lines).containsExactly("a", "c", "f", "g");
    }

    @Test
    void ifElifElse() {
        sh("""
                x=2
                if [ "$x" -eq 1 ]; then echo one
                elif [ "$x" -eq 2 ]; then echo two
                else echo other; fi
                if test -f /nope; then echo yes; else echo no; fi
                """);

        assertThat(lines).containsExactly("two", "no");
    }

    @Test
    void whileUntilAndForLoops() {
        sh("""
                i=0
                while [ $i -lt 3 ]; do echo "w$i"; i=$((i+1)); done
                until [ $i -eq 0 ]; do i=$((i-1)); done; echo "u$i"
                for x in a b "c d"; do echo "f:$x"; done
                for n in 1 2 3 4 5; do [ $n -eq 2 ] && continue; [ $n -eq 4 ] && break; echo "n$n"; done
                """);

        assertThat(lines).containsExactly("w0", "w1", "w2", "u0", "f:a", "f:b", "f:c d", "n1", "n3");
    }

    @Test
    void variablesAndSpecialParameters() {
        sh("A=1; B=\"$A two\"; echo $A ${B} \"${C:-default}\" $$ $HOSTNAME; false; echo $?; echo ${#B}",
                Map.of("HOSTNAME", "web-0"));

        assertThat(lines).containsExactly("1 1 two default 1 web-0", "1", "5");
    }

    @Test
    void environmentComesFromTheContainer() {
        sh("echo \"$GREETING, $NAME\"; env | grep NAME", Map.of("GREETING", "hello", "NAME", "k8s"));

        assertThat(lines).containsExactly("hello, k8s", "NAME=k8s");
    }

    @Test
    void positionalParametersAfterTheScript() {
        Process.start(List.of("sh", "-c", "echo $0 $# $1 \"$@\"", "name", "x", "y z"), fs, Map.of(), T0, lines::add);

        assertThat(lines).containsExactly("name 2 x x y z");
    }

    @Test
    void quotingAndEscapes() {
        sh("echo 'single $HOME' \"double $HOME\" \\$HOME a\\ b \"q\\\"q\" ''");

        assertThat(lines).containsExactly("single $HOME double /root $HOME a b q\"q ");
    }

    @Test
    void redirectionsToFilesAndDevNull() {
        sh("""
                echo one > /tmp/out; echo two >> /tmp/out
                echo hidden > /dev/null
                cat /nope 2>/dev/null || echo silent
                cat /nope > /tmp/both 2>&1
                { echo g1; echo g2; } > /tmp/group
                while read line; do echo "read:$line"; done < /tmp/out
                echo err >&2
                """);

        assertThat(fs.read("/tmp/out")).isEqualTo("one\ntwo\n");
        assertThat(fs.read("/tmp/both")).isEqualTo("cat: can't open '/nope': No such file or directory\n");
        assertThat(fs.read("/tmp/group")).isEqualTo("g1\ng2\n");
        assertThat(lines).containsExactly("silent", "read:one", "read:two", "err");
    }

    @Test
    void redirectIntoAMissingDirectoryFails() {
        assertThat(sh("echo x > /nope/file; echo $?")).isEqualTo(exited(0));

        assertThat(lines).containsExactly("sh: can't create /nope/file: nonexistent directory", "1");
    }

    @Test
    void catOfAMissingFile() {
        assertThat(sh("cat /tmp/healthy")).isEqualTo(exited(1));

        assertThat(lines).containsExactly("cat: can't open '/tmp/healthy': No such file or directory");
    }

    @Test
    void unknownCommandIsNotFound() {
        assertThat(sh("nosuch arg; echo $?")).isEqualTo(exited(0));
        assertThat(Process.start(List.of("/bin/sh", "-c", "nosuch"), fs, Map.of(), T0, lines::add).state())
                .isEqualTo(exited(127));

        assertThat(lines).containsExactly("sh: nosuch: not found", "127", "/bin/sh: nosuch: not found");
    }

    @Test
    void syntaxErrorsEndTheShellWithStatusTwo() {
        assertThat(sh("if true; then echo x")).isEqualTo(exited(2));
        assertThat(sh("echo ok\ndone")).isEqualTo(exited(2));
        assertThat(sh("echo 'open")).isEqualTo(exited(2));

        assertThat(lines).containsExactly(
                "sh: syntax error: unexpected end of file (expecting \"fi\")",
                "ok",
                "sh: syntax error: unexpected \"done\"",
                "sh: syntax error: unterminated quoted string");
    }

    @Test
    void sleepInfinityWaitsForever() {
        Process p = Process.start(List.of("sh", "-c", "echo up; sleep infinity; echo never"), fs, Map.of(), T0, lines::add);

        assertThat(p.advanceTo(T0.plus(Duration.ofDays(365)))).isEqualTo(new Running(null));
        assertThat(lines).containsExactly("up");
    }

    @Test
    void sleepDurationsAcceptFractionsAndSuffixes() {
        Process p = Process.start(List.of("sh", "-c", "sleep 0.5; sleep 1m 2s; sleep 1h; date"), fs, Map.of(), T0,
                lines::add);

        assertThat(p.state()).isEqualTo(new Running(T0.plusMillis(500)));
        assertThat(p.advanceTo(T0.plusSeconds(62))).isEqualTo(new Running(T0.plusMillis(62_500)));
        assertThat(p.advanceTo(T0.plusMillis(62_500))).isEqualTo(new Running(T0.plusMillis(62_500 + 3_600_000)));
        assertThat(p.advanceTo(T0.plus(Duration.ofHours(2)))).isEqualTo(new Exited(0, T0.plusMillis(3_662_500)));
        assertThat(lines).containsExactly("Mon Jan  1 01:01:02 UTC 2024");
    }

    @Test
    void aBusyLoopStopsAtTheBudgetAndCountsAsRunningForever() {
        Process p = Process.start(List.of("sh", "-c", "while true; do echo x; done"), fs, Map.of(), T0, lines::add);

        assertThat(p.state()).isEqualTo(new Running(null));
        assertThat(p.advanceTo(T0.plusSeconds(60))).isEqualTo(new Running(null));
        assertThat(lines).hasSizeBetween(1_000, Interpreter.COMMANDS_PER_INSTANT).containsOnly("x");
        assertThat(p.kill(T0.plusSeconds(60))).isEqualTo(new Exited(Process.KILLED, T0.plusSeconds(60)));
    }

    @Test
    void aLoopThatSleepsGetsAFreshBudgetAtEachInstant() {
        Process p = Process.start(List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo $i; sleep 1; done"), fs,
                Map.of(), T0, lines::add);

        assertThat(p.advanceTo(T0.plusSeconds(20_000))).isEqualTo(new Running(T0.plusSeconds(20_001)));
        assertThat(lines).hasSize(20_001).endsWith("20001");
    }

    @Test
    void datePrintsTheVirtualTimeInBusyboxFormat() {
        Process p = Process.start(List.of("sh", "-c", "date; sleep 86410; date; date +%Y-%m-%dT%H:%M:%S; echo $(date +%s)"),
                fs, Map.of(), T0, lines::add);
        p.advanceTo(T0.plus(Duration.ofDays(2)));

        assertThat(lines).containsExactly("Mon Jan  1 00:00:00 UTC 2024", "Tue Jan  2 00:00:10 UTC 2024",
                "2024-01-02T00:00:10", "1704153610");
    }

    @Test
    void commandSubstitutionPipesCaseAndFunctions() {
        sh("""
                greet() { echo "hi $1"; }
                greet there
                n=$(echo a b c | wc -w); echo "words=$n"
                printf '%s=%d\\n' x 42
                for f in one two; do touch /tmp/$f.txt; done; ls /tmp
                echo /tmp/*.txt
                case "$n" in 1|2) echo small;; 3) echo three;; *) echo big;; esac
                v=file.tar.gz; echo ${v%%.*} ${v#*.}
                """);

        assertThat(lines).containsExactly("hi there", "words=3", "x=42", "one.txt", "two.txt",
                "/tmp/one.txt /tmp/two.txt", "three", "file tar.gz");
    }

    @Test
    void filesystemApplets() {
        sh("""
                mkdir -p /a/b/c && touch /a/b/c/f && cp -r /a /copy && mv /copy/b /moved
                ls /moved/c; rm /a 2>&1; rm -r /a; ls /a 2>&1
                mkdir /x/y 2>&1; rm /nope 2>&1; rm -f /nope && echo forced
                test -d /moved && [ -f /moved/c/f ] && [ ! -e /a ] && echo checks
                """);

        assertThat(lines).containsExactly("f", "rm: '/a' is a directory", "ls: /a: No such file or directory",
                "mkdir: can't create directory '/x/y': No such file or directory",
                "rm: can't remove '/nope': No such file or directory", "forced", "checks");
    }

    @Test
    void subshellsKeepTheirVariablesAndExitToThemselves() {
        assertThat(sh("x=1; (x=2; exit 5); echo \"$? $x\"; y=$(exit 3); echo $?")).isEqualTo(exited(0));

        assertThat(lines).containsExactly("5 1", "3");
    }

    @Test
    void noNetwork() {
        assertThat(sh("wget -q -O- http://web:8080/index.html")).isEqualTo(exited(1));

        assertThat(lines).containsExactly("wget: bad address 'web:8080'");
    }

    @Test
    void shellWithoutCommandReadsNoInputAndExits() {
        assertThat(Process.start(List.of("sh"), fs, Map.of(), T0, lines::add).state()).isEqualTo(exited(0));
        assertThat(Process.start(List.of("sh", "/missing.sh"), fs, Map.of(), T0, lines::add).state()).isEqualTo(exited(2));
        fs.write("/run.sh", "echo from script $1\nexit 7\n", false);
        assertThat(Process.start(List.of("sh", "/run.sh", "arg"), fs, Map.of(), T0, lines::add).state()).isEqualTo(exited(7));

        assertThat(lines).containsExactly("sh: can't open '/missing.sh': No such file or directory", "from script arg");
    }
}
