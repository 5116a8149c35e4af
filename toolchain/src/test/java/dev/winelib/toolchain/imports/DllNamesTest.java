package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DllNamesTest {

    @Test
    void normalizesToLowerCase() {
        assertThat(DllNames.normalize("KERNEL32.DLL")).isEqualTo("kernel32.dll");
        assertThat(DllNames.normalize(" Kernel32 ")).isEqualTo("kernel32");
        for (String bad : List.of("", " ", "../kernel32", "a/b.dll", "a\\b.dll", ".", "..", "c:kernel32", "x\0y")) {
            assertThatThrownBy(() -> DllNames.normalize(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a DLL name");
        }
    }

    @Test
    void candidateFileNames() {
        assertThat(DllNames.exactCandidates("kernel32")).containsExactly("kernel32.dll");
        assertThat(DllNames.exactCandidates("kernel32.dll")).containsExactly("kernel32.dll");
        assertThat(DllNames.exactCandidates("winspool.drv")).containsExactly("winspool.drv", "winspool.drv.dll");
        assertThat(DllNames.exactCandidates("windows.media")).containsExactly("windows.media", "windows.media.dll");
        assertThat(DllNames.stem("winspool.drv")).isEqualTo("winspool");
        assertThat(DllNames.stem("kernel32")).isEqualTo("kernel32");
    }

    @Test
    void encodesAndDecodesLikeWinebuild() {
        assertThat(DllNames.encode("kernel32.dll")).isEqualTo("kernel32");
        assertThat(DllNames.encode("hhctrl.ocx")).isEqualTo("hhctrl.ocx");
        assertThat(DllNames.encode("vulkan-1.dll")).isEqualTo("vulkan$x2d1");
        assertThat(DllNames.encode("a b+c.dll")).isEqualTo("a$x20b$x2bc");
        for (String name : List.of("kernel32.dll", "hhctrl.ocx", "vulkan-1.dll", "a b+c.dll", "ntoskrnl.exe")) {
            DllNames.Decoded decoded = DllNames.decode(DllNames.encode(name) + "$1$F").orElseThrow();
            assertThat(decoded.dllName()).as(name).isEqualTo(name);
            assertThat(decoded.end()).isEqualTo(DllNames.encode(name).length());
        }
        // winebuild drops ".dll" and adds it back only to names without a dot: a quirk of Wine
        assertThat(DllNames.encode("windows.media.dll")).isEqualTo("windows.media");
        assertThat(DllNames.decode("windows.media$1$F")).get().extracting(DllNames.Decoded::dllName)
                .isEqualTo("windows.media");
        // only a lower-case x starts an escape: "$X" ends the name, and the rest is no ordinal
        assertThat(DllNames.decode("vulkan$X2D1$1$F")).contains(new DllNames.Decoded("vulkan.dll", 6));
        assertThat(UnixImportLibrary.parseThunk("vulkan$X2D1$1$F", false)).isEmpty();
        assertThat(DllNames.decode("Kernel32$1$F")).get().extracting(DllNames.Decoded::dllName)
                .isEqualTo("kernel32.dll");
        assertThat(DllNames.decode("$1$F")).isEmpty();
        assertThat(DllNames.decode("k$x4")).isEmpty();
        assertThat(DllNames.decode("k$x4g$1$F")).isEmpty();
    }
}
