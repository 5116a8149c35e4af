package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The direct parser ({@link WinebuildOptions}) reads a command line exactly as picocli does, or
 * hands it to picocli: each line below is parsed both ways and every option field compared.
 */
class WinebuildOptionsParsingTest {

    private static final List<String[]> LINES = List.of(
            line("--dll", "-E", "hello.spec", "-o", "hello.spec.o"),
            line("-v", "-fno-asynchronous-unwind-tables", "--cc-cmd=gcc -m64", "--ld-cmd=ld", "-fPIC", "--dll", "-o",
                    "x.spec.o", "-E", "x.spec", "-L/usr/lib/wine", "--", "a.o", "-b.o", "libkernel32.a"),
            line("-vvw", "-m64", "-municode", "--exe", "-F", "app.exe", "--subsystem", "console:6.1", "app.o"),
            line("-kw", "-DFOO=1", "-I/usr/include", "-KPIC", "-C", "src", "-Nhello", "-Mmain", "--safeseh",
                    "--nm-cmd=nm", "--syscall-table=1", "-marm", "--target=x86_64-linux-gnu", "-b",
                    "x86_64-pc-linux-gnu", "-B/nowhere", "-B", "/else", "--dll", "-E", "s.spec"),
            line("--implib", "-b", "x86_64-w64-mingw32", "-E", "h.spec", "-o", "libh.a", "--export", "g.spec"),
            line("--dll", "-lkernel32", "-l", "ntdll", "--library=user32", "-dcomctl32", "--delay-lib", "ole32",
                    "-u", "sym", "--undefined=other", "-e", "Entry", "--entry=Main", "-H", "64", "--heap=128",
                    "--large-address-aware", "--timestamp", "0", "--nxcompat=n", "--prefer-native",
                    "--external-symbols", "--save-temps", "--sysroot", "sniper", "-r", "a.res", "--res=b.res",
                    "-rc.res", "--filename", "f.dll", "--output=o.o", "--export=e.spec", "--fake-module"),
            line("--fixup-ctors", "hello.dll.so", "--verbose", "--warnings"),
            line("--def", "--staticlib", "--builtin", "--resources", "--data-only", "--without-dlltool", "-k",
                    "--kill-at", "--dll-name", "n", "--main-module", "m", "--as-cmd", "as", "-mno-cygwin", "-f", "x"),
            line("--dll", "--subsystem", "windows", "--subsystem", "console", "-o", "a", "-o", "b"),
            line("--dll", "-E", "-", "-o", "x"),
            line("--dll", "-o"),
            line("--dll", "-o", "-E", "x.spec"),
            line("--help"),
            line("--version"),
            line("-h"),
            line("--unknown"),
            line("-x"),
            line("-vx"),
            line("--dll=true"),
            line("-o=x.o", "--dll"),
            line("@args.txt"),
            line("--dll", "--", "--exe", "-o"),
            line("-wE", "x.spec", "--dll"),
            line(),
            line("--dll", "-E", "", "-o", ""),
            line("-fPIC", "-fPIC"));

    private static String[] line(String... args) {
        return args;
    }

    @Test
    void readsEachLineAsPicocliDoes() throws Exception {
        int direct = 0;
        for (String[] args : LINES) {
            WinebuildCommand fast = command();
            if (!WinebuildOptions.parse(args, fast)) {
                continue;
            }
            direct++;
            WinebuildCommand reference = command();
            CommandLine cli = new CommandLine(reference);
            cli.setPosixClusteredShortOptionsAllowed(true);
            cli.setOverwrittenOptionsAllowed(true);
            cli.parseArgs(args);
            assertThat(fields(fast)).as(Arrays.toString(args)).isEqualTo(fields(reference));
        }
        assertThat(direct).as("lines parsed directly").isGreaterThanOrEqualTo(11);
    }

    @Test
    void leavesHelpVersionAndErrorsToPicocli() {
        for (String[] args : List.of(line("--help"), line("--version"), line("-h"), line("--unknown"), line("-vx"),
                line("--dll", "-o"), line("@x"), line("-o=x"))) {
            assertThat(WinebuildOptions.parse(args, command())).as(Arrays.toString(args)).isFalse();
        }
    }

    private static WinebuildCommand command() {
        return new WinebuildCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private static List<String> fields(WinebuildCommand command) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : WinebuildCommand.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == PrintWriter.class) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(command);
            values.add(f.getName() + "=" + (v instanceof boolean[] b ? Arrays.toString(b) : String.valueOf(v)));
        }
        return values;
    }
}
