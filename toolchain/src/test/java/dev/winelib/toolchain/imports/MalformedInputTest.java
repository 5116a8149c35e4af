package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Randomly damaged PE DLLs and import libraries end in an ImportException naming the file, or are
 * read; never another exception.
 */
class MalformedInputTest {

    @Test
    void randomlyDamagedPeDllsAreRejectedCleanly() throws Exception {
        byte[] good = Files.readAllBytes(InstalledWine.peDll("kernel32.dll"));
        // the export directory and its strings lie around the first export name
        int names = indexOf(good, "AcquireSRWLockExclusive\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(names).isPositive();
        Random random = new Random(20260301);
        int rejected = 0;
        int read = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] bad = round % 20 == 0 ? Arrays.copyOf(good, random.nextInt(good.length)) : good;
            int flips = 1 + random.nextInt(6);
            int[] at = new int[flips];
            byte[] was = new byte[flips];
            for (int i = 0; i < flips; i++) {
                at[i] = switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(Math.min(bad.length + 1, 1024)); // the headers
                    case 1 -> names - 0x8000 + random.nextInt(0x10000); // the export directory
                    default -> random.nextInt(good.length);
                };
                if (at[i] < 0 || at[i] >= bad.length) {
                    at[i] = -1;
                    continue;
                }
                was[i] = bad[at[i]];
                bad[at[i]] = (byte) (random.nextInt(4) == 0 ? 0xff : random.nextInt(256));
            }
            try {
                PeExportReader.read("damaged.dll", bad);
                read++;
            } catch (ImportException expected) {
                assertThat(expected.getMessage()).startsWith("damaged.dll ");
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + ": " + e, e);
            } finally {
                for (int i = flips - 1; i >= 0; i--) { // undo, to spare copying 2 MB each round
                    if (at[i] >= 0) {
                        bad[at[i]] = was[i];
                    }
                }
            }
        }
        assertThat(rejected).isGreaterThan(200);
        assertThat(read).isGreaterThan(200);
    }

    @Test
    void randomlyDamagedImportLibrariesAreRejectedCleanly() throws Exception {
        byte[] good = Files.readAllBytes(InstalledWine.unixLibrary("libversion.a"));
        Random random = new Random(20260302);
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bad = good.clone();
            if (round % 10 == 0) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            int flips = 1 + random.nextInt(6);
            for (int i = 0; i < flips && bad.length > 0; i++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                UnixImportLibrary.scan("damaged.a", new ByteArrayInputStream(bad), (dll, export) -> true);
            } catch (ImportException expected) {
                assertThat(expected.getMessage()).contains("damaged.a");
                rejected++;
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e, e);
            }
        }
        assertThat(rejected).isGreaterThan(100);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
