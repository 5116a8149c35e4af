package dev.winelib.unixlib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.ProjectLayout;

/** A unixlib project written into a directory, in the conventional layout, for builder tests. */
final class UnixlibProject {

    static final String SPEC = """
            @ stdcall demo_version(ptr long)
            @ stdcall demo_add(long long)
            @ stdcall demo_raw(long ptr)
            @ stub demo_later
            """;

    static final String CALLS = """
            wow64
            call version
                char *buffer
                uint32 capacity
                uint32 length
            call add -unix=add_numbers
                int32 a
                int32 b
                int64 sum
            call ping
            """;

    static final String PE = """
            #include <windows.h>
            #include "demo_unixcalls.h"

            NTSTATUS WINAPI demo_version(char *buffer, UINT32 capacity)
            {
                struct version_params p = { buffer, capacity, 0 };
                return version(&p);
            }

            int WINAPI demo_add(int a, int b)
            {
                struct add_params p = { a, b, 0 };
                if (add(&p) || ping()) return -1;
                return (int)p.sum;
            }

            NTSTATUS WINAPI demo_raw(UINT32 code, void *args)
            {
                return demo_unix_call(code, args);
            }
            """;

    static final String UNIX = """
            #include <stdio.h>
            #include <string.h>
            #include "demo_unixcalls.h"

            NTSTATUS unix_version(struct version_params *params)
            {
                int n = snprintf(params->buffer, params->capacity, "unix side %d", 64);
                params->length = (uint32_t)n;
                return STATUS_SUCCESS;
            }

            NTSTATUS wow64_version(struct version_params32 *params)
            {
                char *buffer = (char *)(uintptr_t)params->buffer;
                int n = snprintf(buffer, params->capacity, "unix side %d", 32);
                params->length = (uint32_t)n;
                return STATUS_SUCCESS;
            }

            NTSTATUS add_numbers(struct add_params *params)
            {
                params->sum = (int64_t)params->a + params->b;
                return STATUS_SUCCESS;
            }

            NTSTATUS unix_ping(void)
            {
                return STATUS_SUCCESS;
            }
            """;

    private final Path directory;

    private UnixlibProject(Path directory) {
        this.directory = directory;
    }

    /** Writes the demo project into {@code directory}. */
    static UnixlibProject write(Path directory) throws IOException {
        UnixlibProject p = new UnixlibProject(directory);
        p.file("src/main/spec/demo.spec", SPEC);
        p.file("src/main/spec/demo.unixcalls", CALLS);
        p.file("src/main/pe/demo.c", PE);
        p.file("src/main/unix/demo_unix.c", UNIX);
        return p;
    }

    Path directory() {
        return directory;
    }

    Path file(String relative, String text) throws IOException {
        Path file = directory.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    Path resolve(String relative) {
        return directory.resolve(relative);
    }

    /** A request for the project as the Maven plugin would make it, writing to target/. */
    UnixlibBuildRequest.Builder request(Path viewsDirectory) throws BuildFailure {
        Path pe = directory.resolve(UnixlibLayout.PE_SOURCE_DIRECTORY);
        Path unix = directory.resolve(UnixlibLayout.UNIX_SOURCE_DIRECTORY);
        return UnixlibBuildRequest.builder(directory.resolve("src/main/spec/demo.spec"),
                directory.resolve("src/main/spec/demo.unixcalls"), directory.resolve("target"),
                directory.resolve("target/unixlib"))
                .peSources(ProjectLayout.findSources(pe, List.of(".c")), pe)
                .unixSources(ProjectLayout.findSources(unix, List.of(".c")), unix)
                .cflags(List.of("-Wall", "-Werror"))
                .peCflags(List.of("-Wall", "-Werror"))
                .viewsDirectory(viewsDirectory);
    }
}
