package dev.winelib.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Target names as winebuild reads them. */
class TargetTest {

    @Test
    void cpuAndPlatform() {
        assertThat(Target.parse("x86_64-linux-gnu")).contains(new Target("x86_64-linux-gnu", "x86_64",
                Target.Platform.LINUX));
        assertThat(Target.parse("x86_64-pc-linux-gnu").orElseThrow().platform()).isEqualTo(Target.Platform.LINUX);
        assertThat(Target.parse("amd64-unknown-freebsd13").orElseThrow().platform())
                .isEqualTo(Target.Platform.FREEBSD);
        Target mingw = Target.parse("x86_64-w64-mingw32").orElseThrow();
        assertThat(mingw.isPe()).isTrue();
        assertThat(mingw.tool("dlltool")).isEqualTo("x86_64-w64-mingw32-dlltool");
        assertThat(Target.parse("x86_64-pc-windows-msvc").orElseThrow().platform())
                .isEqualTo(Target.Platform.WINDOWS);
        assertThat(Target.parse("i686-w64-mingw32").orElseThrow().cpu()).isEqualTo("i386");
        assertThat(Target.parse("aarch64-linux-gnu").orElseThrow().cpu()).isEqualTo("arm64");
        assertThat(Target.parse("x86_64-unknown").orElseThrow().platform()).isEqualTo(Target.Platform.UNSPECIFIED);
        assertThat(Target.parse("x86_64")).isEmpty();
        assertThat(Target.parse("mingw32").orElseThrow().cpu()).isEqualTo("i386");
        assertThat(Target.parse("sparc-sun-solaris")).isEmpty();
        assertThat(Target.parse("linux")).isEmpty();
        assertThat(Target.host().isPe()).isFalse();
    }
}
