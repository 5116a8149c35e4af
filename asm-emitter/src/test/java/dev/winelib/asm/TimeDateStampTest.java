package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;

/** The TimeDateStamp of the NT header and of the export directory: winebuild's hash, or the build's time. */
class TimeDateStampTest {

    private final ModuleSpec spec = SpecParser.parse("t.spec", "@ stdcall f()\n", Optional.empty());
    private final ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("test");

    @Test
    void winebuildsHashByDefault() {
        String asm = emitter.emit(spec, ModuleOptions.dllWithOptionalEntry("DllMain"));
        String hash = Integer.toUnsignedString(ModuleAssemblyEmitter.fileNameHash("t.dll"));
        assertThat(asm).contains("\t.long " + hash + "\t/* TimeDateStamp */");
        assertThat(asm.split("\\.long " + hash + "\t/\\* TimeDateStamp \\*/", -1)).hasSize(3);
    }

    @Test
    void theBuildTimeInBothPlaces() {
        ModuleOptions options = ModuleOptions.dllWithOptionalEntry("DllMain").withStubRuntime()
                .withTimeDateStamp(4294967295L);
        assertThat(options.stubRuntime()).isTrue();
        String asm = emitter.emit(spec, options);
        assertThat(asm.split("\\.long 4294967295\t/\\* TimeDateStamp \\*/", -1)).hasSize(3);
        assertThat(options.withStubRuntime().timeDateStamp()).hasValue(4294967295L);
    }

    @Test
    void outOfRangeIsRefused() {
        assertThatThrownBy(() -> ModuleOptions.dll(Optional.empty()).withTimeDateStamp(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModuleOptions.dll(Optional.empty()).withTimeDateStamp(1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
