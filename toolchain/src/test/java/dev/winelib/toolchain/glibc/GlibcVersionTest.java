package dev.winelib.toolchain.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class GlibcVersionTest {

    private static final GlibcVersion SNIPER = GlibcVersion.parse("2.31");

    @Test
    void parsesReleasesWithOrWithoutThePrefix() {
        assertThat(GlibcVersion.parse("2.31")).isEqualTo(new GlibcVersion(2, 31));
        assertThat(GlibcVersion.parse("GLIBC_2.34")).isEqualTo(new GlibcVersion(2, 34));
        assertThat(GlibcVersion.parse(" 2.5 ")).isEqualTo(new GlibcVersion(2, 5));
        assertThat(GlibcVersion.STEAM_RUNTIME_SNIPER).isEqualTo(SNIPER);
        assertThat(SNIPER).hasToString("2.31");
    }

    @Test
    void rejectsWhatIsNotARelease() {
        for (String bad : new String[] { "", "2", "2.", ".31", "2.31.1", "GLIBC_PRIVATE", "GLIBC_2.x", "glibc 2.31",
                "GLIBCXX_3.4", "99999.1", "-2.31" }) {
            assertThatThrownBy(() -> GlibcVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a glibc version");
        }
        assertThatThrownBy(() -> GlibcVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GlibcVersion(2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesNumericallyNotAsText() {
        List<GlibcVersion> versions = new ArrayList<>(List.of(GlibcVersion.parse("2.31"), GlibcVersion.parse("2.4"),
                GlibcVersion.parse("2.3"), GlibcVersion.parse("2.17"), GlibcVersion.parse("3.0"),
                GlibcVersion.parse("2.100")));
        Collections.sort(versions);
        assertThat(versions).extracting(GlibcVersion::toString).containsExactly("2.3", "2.4", "2.17", "2.31", "2.100",
                "3.0");
    }

    @Test
    void numberedSymbolVersionsCompareNumerically() {
        // 2.3.4 < 2.31: the point version belongs to the 2.3 series
        assertThat(SNIPER.provides("GLIBC_2.3.4")).isTrue();
        assertThat(SNIPER.provides("GLIBC_2.2.5")).isTrue();
        assertThat(SNIPER.provides("GLIBC_2.14")).isTrue();
        assertThat(SNIPER.provides("GLIBC_2.31")).isTrue();
        assertThat(SNIPER.provides("GLIBC_2.32")).isFalse();
        assertThat(SNIPER.provides("GLIBC_2.34")).isFalse();
        assertThat(SNIPER.provides("GLIBC_3.0")).isFalse();
        // a point version is newer than its series' first release
        assertThat(GlibcVersion.parse("2.3").provides("GLIBC_2.3.4")).isFalse();
        assertThat(GlibcVersion.parse("2.3").provides("GLIBC_2.3")).isTrue();
        assertThat(GlibcVersion.parse("2.4").provides("GLIBC_2.3.4")).isTrue();
        assertThat(GlibcVersion.parse("2.36").provides("GLIBC_2.34")).isTrue();
    }

    @Test
    void privateAndMarkerVersions() {
        assertThat(SNIPER.provides("GLIBC_PRIVATE")).isFalse();
        assertThat(GlibcVersion.parse("2.99").provides("GLIBC_PRIVATE")).isFalse();
        assertThat(SNIPER.provides("GLIBC_ABI_DT_RELR")).isFalse();
        assertThat(GlibcVersion.parse("2.35").provides("GLIBC_ABI_DT_RELR")).isFalse();
        assertThat(GlibcVersion.parse("2.36").provides("GLIBC_ABI_DT_RELR")).isTrue();
        assertThat(GlibcVersion.parse("2.99").provides("GLIBC_ABI_SOMETHING_NEW")).isFalse();
        assertThat(SNIPER.provides("GLIBC_2.x")).isFalse();
        assertThat(GlibcVersion.isGlibcVersionName("GLIBC_2.2.5")).isTrue();
        assertThat(GlibcVersion.isGlibcVersionName("GLIBCXX_3.4.29")).isFalse();
        assertThat(GlibcVersion.isGlibcVersionName("GCC_3.0")).isFalse();
    }
}
