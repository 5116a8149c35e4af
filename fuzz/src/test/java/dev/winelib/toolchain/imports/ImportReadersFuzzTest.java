package dev.winelib.toolchain.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The readers of imported DLLs' export lists on any bytes: a PE DLL's export directory
 * ({@link PeExportReader}) and a Wine Unix import library (an ar archive of ELF objects,
 * {@link UnixImportLibrary}) each give their exports or an {@link ImportException} naming the file and
 * the problem.
 */
class ImportReadersFuzzTest {

    @FuzzTest
    void peExports(byte[] input) {
        try {
            PeExportReader.read("fuzz.dll", input);
        } catch (ImportException expected) {
            // not a readable PE DLL
        }
    }

    @FuzzTest
    void unixImportLibrary(byte[] input) throws IOException {
        try {
            UnixImportLibrary.scan("libfuzz.a", new ByteArrayInputStream(input), (dll, export) -> true);
        } catch (ImportException expected) {
            // not a readable import library
        }
    }
}
