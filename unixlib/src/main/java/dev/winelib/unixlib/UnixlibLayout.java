package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.ProjectLayout;

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

    private static final ProjectLayout.SingleFile UNIX_CALLS = new ProjectLayout.SingleFile(
            List.of(UnixCallsParser.EXTENSION), "unix calls file", "unix calls files",
            "NAME" + UnixCallsParser.EXTENSION + " there (the calls from the PE half into the Unix half)",
            "unixCallsFile");

    /** The single {@code .unixcalls} file of a directory; fails when there is none or more than one. */
    public static Path findUnixCalls(Path directory) throws BuildFailure {
        return ProjectLayout.findSingle(directory, UNIX_CALLS);
    }
}
