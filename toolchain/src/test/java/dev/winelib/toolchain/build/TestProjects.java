package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.sysroot.Sysroot;

/** Small winelib projects written into a temporary directory. */
public final class TestProjects {

    public static final String SPEC = """
            # test module
            @ stdcall add(long long)
            @ cdecl mul(long long) multiply
            5 stdcall -noname hidden(ptr)
            @ extern counter
            @ stub notyet
            10 stdcall -private DllGetVersion(ptr)
            """;

    public static final String SOURCE = """
            #include <windef.h>
            #include <winbase.h>
            int counter = 7;
            int WINAPI add(int a, int b) { return a + b; }
            int WINAPI multiply(int a, int b) { return a * b; }
            int WINAPI hidden(void *p) { return p != 0; }
            HRESULT WINAPI DllGetVersion(void *info) { return 0; }
            BOOL WINAPI DllMain(HINSTANCE i, DWORD reason, LPVOID r) { return TRUE; }
            """;

    /** The same module without any header, for sysroots that have none. */
    public static final String SOURCE_WITHOUT_HEADERS = """
            #define WINAPI __attribute__((ms_abi))
            int counter = 7;
            int WINAPI add(int a, int b) { return a + b; }
            int WINAPI multiply(int a, int b) { return a * b; }
            int WINAPI hidden(void *p) { return p != 0; }
            long WINAPI DllGetVersion(void *info) { return 0; }
            int WINAPI DllMain(void *i, unsigned reason, void *r) { return 1; }
            """;

    private TestProjects() {
    }

    public static Path write(Path dir, String spec, String source) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("test.spec"), spec);
        Files.writeString(dir.resolve("src/test.c"), source);
        return dir;
    }

    /**
     * Flips a byte in the middle of {@code file}, keeping its size and modification time (only its
     * status-change time and content tell); returns the damaged content.
     */
    public static byte[] damageKeepingSizeAndTime(Path file) throws IOException {
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(file, damaged);
        Files.setLastModifiedTime(file, modified);
        return damaged;
    }

    /** The object {@code name} (such as {@code entry.c.o}) of the runtime cache {@code cache}. */
    public static Path cachedRuntimeObject(Path cache, String name) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    public static WinelibBuildRequest.Builder request(Path dir, Path viewsDir) {
        return WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                .sources(List.of(dir.resolve("src/test.c")))
                .sourceRoot(dir.resolve("src"))
                .sysroot(Sysroot.host())
                .viewsDirectory(viewsDir);
    }
}
