package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The compilers' environment: huge pages for malloc unless the build sets glibc's tunables itself. */
class CompilerEnvironmentTest {

    @Test
    void addsTheTunableToTheInvocationsVariables() {
        assertThat(CompilerEnvironment.of(Map.of("SOURCE_DATE_EPOCH", "1"), Map.of("PATH", "/usr/bin")))
                .containsOnly(Map.entry("SOURCE_DATE_EPOCH", "1"), Map.entry("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"));
    }

    @Test
    void aSettingOfTheBuildsOwnIsKept() {
        assertThat(CompilerEnvironment.of(Map.of(), Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"))).isEmpty();
        assertThat(CompilerEnvironment.of(Map.of("GLIBC_TUNABLES", ""), Map.of())).containsOnly(Map.entry("GLIBC_TUNABLES", ""));
    }
}
