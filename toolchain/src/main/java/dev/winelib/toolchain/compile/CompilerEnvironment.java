package dev.winelib.toolchain.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment the build's compiler processes run with: the invocation's variables, and, unless the
 * build's own environment sets {@code GLIBC_TUNABLES}, {@value #MALLOC_HUGE_PAGES}.
 *
 * <p>That glibc tunable (glibc 2.35 and later; older ones ignore it) lets {@code malloc} ask the kernel for
 * transparent huge pages where the system grants them only on request (the {@code madvise} mode of
 * {@code /sys/kernel/mm/transparent_hugepage/enabled}, the default of Debian's and Ubuntu's kernels).
 * GCC's {@code cc1} spends much of a compilation that includes {@code <windows.h>} taking page faults on
 * fresh memory; with the tunable a precompiled-header compilation takes about a fifth fewer
 * (docs/performance.md has the figures). It changes where memory comes from, not what the compiler
 * writes: the objects are the same. A build that sets {@code GLIBC_TUNABLES} itself (to anything, such as
 * {@code glibc.malloc.hugetlb=0}) keeps its own setting.
 */
final class CompilerEnvironment {

    static final String TUNABLES = "GLIBC_TUNABLES";
    static final String MALLOC_HUGE_PAGES = "glibc.malloc.hugetlb=1";

    private CompilerEnvironment() {
    }

    /** {@code invocation}'s variables with the tunable added where neither it nor {@code inherited} sets one. */
    static Map<String, String> of(Map<String, String> invocation, Map<String, String> inherited) {
        if (invocation.containsKey(TUNABLES) || inherited.containsKey(TUNABLES)) {
            return invocation;
        }
        Map<String, String> environment = new HashMap<>(invocation);
        environment.put(TUNABLES, MALLOC_HUGE_PAGES);
        return environment;
    }

    /** {@link #of(Map, Map)} with this process's environment. */
    static Map<String, String> of(Map<String, String> invocation) {
        return of(invocation, System.getenv());
    }
}
