package dev.winelib.toolchain.build;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.winelib.sysroot.SysrootHints;
import dev.winelib.toolchain.BuildFailure;

/**
 * Adds advice to a failed compile or link of Linux code when a header or a library was not found
 * and the request has {@link ModuleRequest#sysrootHints() sysroot hints} (a provisioned 'sniper'
 * sysroot): the sysroot holds only the packages it was made of, which Debian package ships the
 * file, and how to add it with {@code <sysrootPackages>}.
 */
public final class SysrootAdvice {

    /** GCC: {@code x.c:3:10: fatal error: pulse/version.h: No such file or directory}. */
    private static final Pattern GCC_HEADER = Pattern.compile("fatal error: ([^:\\s]+): No such file or directory");
    /** clang: {@code x.c:3:10: fatal error: 'pulse/version.h' file not found}. */
    private static final Pattern CLANG_HEADER = Pattern.compile("fatal error: '([^'\\s]+)' file not found");
    /** ld.lld: {@code ld.lld: error: unable to find library -lpulse}. */
    private static final Pattern LLD_LIBRARY = Pattern.compile("unable to find library (-l[^\\s]+)");

    /**
     * What a winelib DLL's Windows-facing sources are, added to advice about them: a Linux
     * library's headers are not meant to be compiled with the Windows macros.
     */
    public static final String WINDOWS_FACING_NOTE = "Note: these sources are compiled as Windows code (_WIN32,"
            + " __stdcall/__cdecl as ms_abi, Wine's headers), which breaks Linux library headers (Vulkan's calls get"
            + " the wrong calling convention without a warning; SDL2's look for <process.h>). Code that calls a"
            + " Linux library belongs in the plain Linux sources (src/main/unix, <unixSourceDirectory>), called from"
            + " here through plain C prototypes.";

    private SysrootAdvice() {
    }

    /** {@code failure} with advice for each missing header and library its message names, or as it is. */
    public static BuildFailure explain(ModuleRequest request, BuildFailure failure) {
        return explain(request, failure, "");
    }

    /**
     * {@code failure} with advice for each missing header and library its message names, and
     * {@code note} after the advice (when there is advice); or {@code failure} as it is.
     */
    public static BuildFailure explain(ModuleRequest request, BuildFailure failure, String note) {
        String message = failure.getMessage();
        if (message == null) {
            return failure;
        }
        List<String> advice = adviceFor(request, message);
        if (advice.isEmpty()) {
            return failure;
        }
        return new BuildFailure(message.stripTrailing() + "\n" + String.join("\n", advice)
                + (note.isEmpty() ? "" : "\n" + note), failure);
    }

    private static List<String> adviceFor(ModuleRequest request, String output) {
        if (request.sysrootHints().isEmpty()) {
            return List.of();
        }
        SysrootHints hints = request.sysrootHints().get();
        Set<String> advice = new LinkedHashSet<>();
        for (Pattern p : List.of(GCC_HEADER, CLANG_HEADER)) {
            Matcher m = p.matcher(output);
            while (m.find()) {
                advice.add(hints.missingHeader(m.group(1)));
            }
        }
        Matcher m = LLD_LIBRARY.matcher(output);
        while (m.find()) {
            advice.add(hints.missingLibrary(m.group(1)));
        }
        return List.copyOf(advice);
    }
}
