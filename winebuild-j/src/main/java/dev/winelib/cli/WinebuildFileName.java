package dev.winelib.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.winelib.asm.ModuleAssemblyEmitter;

/**
 * The module file name winebuild 8.0 keeps for {@code --dll} and {@code --exe} (also with
 * {@code --fake-module}) and whose FNV-1 hash it writes as the module's TimeDateStamp. It is taken
 * from the command line as given, directories included where winebuild keeps them:
 * <ul>
 * <li>{@code -F NAME}: NAME exactly (whatever the order of {@code -F} and {@code -E});</li>
 * <li>else {@code -E FILE}: FILE's base name without a final {@code .spec} or {@code .def};</li>
 * <li>either of those without any dot gets {@code .exe} (executable) or {@code .dll};</li>
 * <li>else the {@code -o} path up to its last dot, directories included and nothing added
 *     ({@code -o d3d9-nine/d3d9-nine.dll.fake} is {@code d3d9-nine/d3d9-nine.dll}).</li>
 * </ul>
 * The bytes hashed are those of the command line's arguments (the file name encoding).
 *
 * @param name the name, or empty when none can be derived (no -F, -E or -o)
 */
record WinebuildFileName(Optional<String> name) {

    static WinebuildFileName of(WinebuildCommand options, boolean executable) {
        String name = null;
        if (options.moduleFileName != null) {
            name = options.moduleFileName;
        } else if (options.specFile != null) {
            name = baseName(options.specFile);
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && (name.substring(dot).equals(".spec") || name.substring(dot).equals(".def"))) {
                name = name.substring(0, dot);
            }
        }
        if (name != null) {
            return new WinebuildFileName(Optional.of(name.contains(".") ? name : name + (executable ? ".exe" : ".dll")));
        }
        if (options.output != null) {
            int dot = options.output.lastIndexOf('.');
            return new WinebuildFileName(Optional.of(dot >= 0 ? options.output.substring(0, dot) : options.output));
        }
        return new WinebuildFileName(Optional.empty());
    }

    /** The TimeDateStamp winebuild writes: the FNV-1 hash of the name's bytes, as an unsigned 32-bit value. */
    Optional<Long> timeDateStamp() {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Integer.toUnsignedLong(ModuleAssemblyEmitter.fileNameHash(
                name.get().getBytes(argumentCharset()))));
    }

    /** What follows the last '/' (winebuild's get_basename). */
    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The charset the JVM decoded the command line's arguments with. */
    private static Charset argumentCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
