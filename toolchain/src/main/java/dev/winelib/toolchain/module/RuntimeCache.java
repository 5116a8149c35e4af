package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * Where the command line keeps the compiled module runtime between runs, so that building a module
 * object does not compile the same few C files every time: one directory per compiler (its path,
 * size and modification time), compiler arguments, sysroot and set of runtime pieces, below
 * {@code $XDG_CACHE_HOME/winebuild-j/runtime} ({@code ~/.cache/winebuild-j/runtime}).
 *
 * <p>Inside a directory the usual content stamps apply (a runtime source that changed, or an object
 * damaged after it was written, is compiled again), and every file is written under a temporary name
 * and renamed, so several processes can share the cache. The objects name no directory
 * ({@code -ffile-prefix-map}), so a cached object is the object a fresh compilation makes.
 */
public final class RuntimeCache {

    /** Environment variable that turns the cache off ({@code off}) or moves it (an absolute directory). */
    public static final String ENVIRONMENT_VARIABLE = "WINEBUILD_J_RUNTIME_CACHE";

    private RuntimeCache() {
    }

    /**
     * The cache directory for {@code environment}: none when {@code WINEBUILD_J_RUNTIME_CACHE} is
     * {@code off}, the directory it names otherwise (a relative one from the working directory), and
     * without it {@code winebuild-j/runtime} below {@code XDG_CACHE_HOME} (when absolute) or
     * {@code ~/.cache}.
     */
    public static Optional<Path> defaultDirectory(Map<String, String> environment) {
        String setting = environment.get(ENVIRONMENT_VARIABLE);
        if (setting != null && !setting.isBlank()) {
            if (setting.strip().equalsIgnoreCase("off")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(setting.strip()).toAbsolutePath().normalize());
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(base.resolve("winebuild-j").resolve("runtime"));
    }

    /**
     * The directory for the runtime compiled by {@code compiler} against {@code sysroot} with
     * {@code pieces}, created if needed; empty when it cannot be created (the caller then compiles
     * into its own work directory).
     */
    static Optional<Path> directory(Path cache, ToolCommand compiler, Sysroot sysroot, ModuleRuntime.Pieces pieces) {
        try {
            Path program = compiler.program().toRealPath();
            StringBuilder key = new StringBuilder();
            key.append("compiler ").append(program).append('\n')
                    .append("size ").append(Files.size(program)).append('\n')
                    .append("modified ").append(Files.getLastModifiedTime(program).toMillis()).append('\n');
            compiler.arguments().forEach(a -> key.append("argument ").append(a).append('\n'));
            key.append("sysroot ").append(sysroot.isHost() ? "host" : sysroot.root().toString()).append('\n')
                    .append("pieces ").append(pieces).append('\n');
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 24);
            Path dir = cache.resolve(hash);
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
