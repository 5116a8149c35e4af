package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ModuleOptionsTest {

    @Test
    void everyChangeKeepsTheTimeDateStamp() {
        ModuleOptions timed = ModuleOptions.exe("main").withTimeDateStamp(1_700_000_000L);
        ModuleOptions changed = timed.withSubsystem(ModuleOptions.SUBSYSTEM_WINDOWS_GUI, 6, 1)
                .withCharacteristics(ModuleOptions.EXE_CHARACTERISTICS | ModuleOptions.LARGE_ADDRESS_AWARE)
                .withDllCharacteristics(0).withHeapReserveKib(64).withEntryPoint("wmain").withStubRuntime();
        assertThat(changed.timeDateStamp()).isEqualTo(OptionalLong.of(1_700_000_000L));
        assertThat(changed.subsystem()).isEqualTo(ModuleOptions.SUBSYSTEM_WINDOWS_GUI);
        assertThat(changed.heapReserveKib()).isEqualTo(64);
        assertThat(changed.entryPoint()).contains("wmain");
        assertThat(changed.stubRuntime()).isTrue();
    }

    @Test
    void withoutATimeNoneIsWritten() {
        assertThat(ModuleOptions.dll(java.util.Optional.empty()).withHeapReserveKib(1).timeDateStamp()).isEmpty();
    }

    @Test
    void timesOutsideTheFieldAreRefused() {
        ModuleOptions o = ModuleOptions.dllWithOptionalEntry("DllMain");
        assertThat(o.withTimeDateStamp(0xFFFF_FFFFL).timeDateStamp()).hasValue(0xFFFF_FFFFL);
        assertThatThrownBy(() -> o.withTimeDateStamp(0x1_0000_0000L)).hasMessageContaining("4294967296");
        assertThatThrownBy(() -> o.withTimeDateStamp(-1)).hasMessageContaining("does not fit");
    }
}
