package dev.winelib.unixlib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.winelib.toolchain.BuildFailure;

/**
 * The conventional layout of a unixlib project:
 * <pre>
 * src/main/spec/NAME.spec        the PE DLL's exports (or NAME.def)
 * src/main/spec/NAME.unixcalls   the calls from the PE half into the Unix half
 * src/main/pe/**.c               the PE half, compiled with mingw
 * src/main/unix/**.c             the Unix half, compiled against the sysroot
 * src/main/include               headers of both halves
 * </pre>
 */
public final class UnixlibLayout {

    public static final String PE_SOURCE_DIRECTORY = "src/main/pe";
    public static final String UNIX_SOURCE_DIRECTORY = "src/main/unix";

    private UnixlibLayout() {
    }

    /** The single {@code .unixcalls} file of a directory; fails when there is none or more than one. */
    public static Path findUnixCalls(Path directory) throws BuildFailure {
        List<Path> found;
        try (Stream<Path> entries = Files.list(directory)) {
            found = entries.filter(p -> p.getFileName().toString().endsWith(UnixCallsParser.EXTENSION)
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new BuildFailure("no unix calls file: " + directory + " cannot be read (" + e.getMessage()
                    + "); put NAME" + UnixCallsParser.EXTENSION + " there or configure unixCallsFile");
        }
        if (found.isEmpty()) {
            throw new BuildFailure("no unix calls file in " + directory + ": add NAME" + UnixCallsParser.EXTENSION
                    + " there (the calls from the PE half into the Unix half), or configure unixCallsFile");
        }
        if (found.size() > 1) {
            throw new BuildFailure("several unix calls files in " + directory + " " + found.stream()
                    .map(p -> p.getFileName().toString()).toList() + ": configure unixCallsFile to choose one");
        }
        return found.get(0);
    }
}
