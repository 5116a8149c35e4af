package dev.winelib.toolchain.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFile.Section;
import dev.winelib.toolchain.elf.ElfFormatException;

/** Damaged version and dynamic sections end in an ElfFormatException, never in another exception. */
class MalformedVersionSectionsTest {

    private static final GlibcVersion SNIPER = GlibcVersion.parse("2.31");

    @TempDir
    Path dir;

    private Path object;
    private byte[] good;
    private ElfFile elf;

    @BeforeEach
    void build() throws Exception {
        HostGcc gcc = HostGcc.require();
        object = gcc.compile(dir, "x", GlibcBaselineCheckTest.CLOSE_RANGE + GlibcBaselineCheckTest.OLD_FUNCTIONS);
        Path module = gcc.link(dir, "x.so", List.of(object));
        good = Files.readAllBytes(module);
        elf = ElfFile.parse("x.so", good);
        // the undamaged module: close_range@GLIBC_2.34 is the one too new
        assertThat(check(good).tooNew()).extracting(VersionedReference::symbol).containsExactly("close_range");
    }

    @Test
    void randomDamageToTheVersionAndDynamicSectionsIsRejectedCleanly() throws Exception {
        List<long[]> ranges = new ArrayList<>();
        for (Section s : elf.sections()) {
            if (s.type() == GlibcBaselineCheck.SHT_GNU_VERNEED || s.type() == GlibcBaselineCheck.SHT_GNU_VERSYM
                    || s.type() == ElfFile.SHT_DYNAMIC || s.type() == ElfFile.SHT_DYNSYM || s.name().equals(".dynstr")) {
                ranges.add(new long[] { s.offset(), s.size() });
                ranges.add(new long[] { header(s), 64 });
            }
        }
        assertThat(ranges).hasSize(10);
        Random random = new Random(20261122);
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(6);
            for (int i = 0; i < flips; i++) {
                long[] range = ranges.get(random.nextInt(ranges.size()));
                int at = (int) (range[0] + random.nextInt((int) range[1]));
                bad[at] = random.nextInt(4) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
            }
            if (round % 10 == 0) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            try {
                BaselineReport report = check(bad);
                assertThat(report.failureMessage(SNIPER)).isNotBlank();
                accepted++;
            } catch (ElfFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                rejected++;
            }
        }
        // damage to names and unused bytes is accepted; much of the rest is not
        assertThat(accepted).isPositive();
        assertThat(rejected).isGreaterThan(300);
    }

    @Test
    void aVersionNeedOfAnUnknownStructureVersion() throws Exception {
        expectFailure(b -> b.putShort(offset(".gnu.version_r"), (short) 2)).hasMessageContaining("has version 2, not 1");
    }

    @Test
    void auxiliaryEntriesOutsideTheSection() throws Exception {
        expectFailure(b -> b.putInt(offset(".gnu.version_r") + 8, 0x10000)).hasMessageContaining("outside the section");
        expectFailure(b -> b.putShort(offset(".gnu.version_r") + 2, (short) 60)).hasMessageContaining("of libc.so.6");
    }

    @Test
    void aTruncatedVersionNeedSection() throws Exception {
        expectFailure(b -> b.putLong(header(".gnu.version_r") + 32, 24)).hasMessageContaining("outside the section");
        expectFailure(b -> b.putInt(header(".gnu.version_r") + 44, 2)).hasMessageContaining("end after 1 of 2");
        expectFailure(b -> b.putLong(header(".gnu.version_r") + 24, good.length - 8L))
                .hasMessageContaining("lie outside the file");
        assertThatThrownBy(() -> check(Arrays.copyOf(good, offset(".gnu.version_r") + 20)))
                .isInstanceOf(ElfFormatException.class);
    }

    @Test
    void symbolVersionsThatDoNotMatchTheSymbols() throws Exception {
        expectFailure(b -> b.putLong(header(".gnu.version") + 32, section(".gnu.version").size() - 2))
                .hasMessageContaining("bytes for");
        expectFailure(b -> b.putInt(header(".gnu.version") + 40, section(".dynstr").index()))
                .hasMessageContaining("do not belong to the dynamic symbol table");
        int closeRange = indexOfDynamicSymbol("close_range");
        expectFailure(b -> b.putShort(offset(".gnu.version") + 2 * closeRange, (short) 9))
                .hasMessageContaining("close_range has version index 9");
    }

    @Test
    void conflictingOrUnnamedVersions() throws Exception {
        int aux = offset(".gnu.version_r") + 16;
        expectFailure(b -> b.putShort(aux + 16 + 6, b.getShort(aux + 6))).hasMessageContaining("is used by both");
        expectFailure(b -> b.putShort(aux + 6, (short) 1)).hasMessageContaining("reserved index 1");
        expectFailure(b -> b.putInt(aux + 8, 0x7fffffff)).hasMessageContaining("outside its table");
        expectFailure(b -> b.putInt(header(".gnu.version_r") + 40, 999)).hasMessageContaining("links to section 999");
    }

    @Test
    void aDamagedDynamicSection() throws Exception {
        expectFailure(b -> b.putLong(offset(".dynamic") + 8, -1L)).hasMessageContaining("outside its table");
        expectFailure(b -> b.putLong(header(".dynamic") + 56, 24)).hasMessageContaining("entry size 24");
        expectFailure(b -> b.putInt(header(".dynamic") + 40, 0)).hasMessageContaining("links to section 0");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> expectFailure(Consumer<ByteBuffer> damage) {
        byte[] bad = good.clone();
        damage.accept(ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN));
        return assertThatThrownBy(() -> check(bad)).isInstanceOf(ElfFormatException.class);
    }

    private BaselineReport check(byte[] bytes) throws Exception {
        return GlibcBaselineCheck.check(ElfFile.parse("damaged", bytes), List.of(object), SNIPER);
    }

    private Section section(String name) {
        return elf.section(name).orElseThrow();
    }

    private int offset(String name) {
        return (int) section(name).offset();
    }

    private int header(String name) {
        return header(section(name));
    }

    private int header(Section s) {
        long shoff = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        return (int) (shoff + 64L * s.index());
    }

    private int indexOfDynamicSymbol(String name) throws ElfFormatException {
        var symbols = elf.dynamicSymbols();
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not in .dynsym");
    }
}
