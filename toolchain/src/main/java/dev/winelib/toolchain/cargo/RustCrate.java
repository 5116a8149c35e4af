package dev.winelib.toolchain.cargo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Rust crate built with cargo into a static library that is linked into the module.
 *
 * @param directory the directory holding the crate's {@code Cargo.toml}
 * @param cargo the cargo program: a name on the PATH or a path
 * @param profile the cargo profile ({@code release}, {@code dev}, or one the crate defines)
 * @param panic the panic strategy the profile is built with: {@code abort} (the default) or
 *     {@code unwind} (for crates that stop panics at their exports with {@code catch_unwind})
 * @param targetDirectory cargo's {@code --target-dir}
 * @param cargoArgs further arguments for {@code cargo rustc}, before its {@code --}
 *     (e.g. {@code --features x}, {@code --offline}, {@code --locked})
 */
public record RustCrate(Path directory, String cargo, String profile, String panic, Path targetDirectory,
        List<String> cargoArgs) {

    /** Rust's name of the target of a 64-bit winelib module: 64-bit Linux with glibc. */
    public static final String TARGET = "x86_64-unknown-linux-gnu";

    /** Rust's name of the target of a 32-bit (i386) winelib module: 32-bit x86 Linux with glibc. */
    public static final String TARGET_I686 = "i686-unknown-linux-gnu";

    /** The Rust target of a module built for {@code architecture}. */
    public static String target(dev.winelib.sysroot.Architecture architecture) {
        return architecture.is64Bit() ? TARGET : TARGET_I686;
    }

    /** The panic strategies a crate can be built with. */
    public static final List<String> PANIC_STRATEGIES = List.of("abort", "unwind");

    public RustCrate {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(cargo, "cargo");
        Objects.requireNonNull(profile, "profile");
        if (!PANIC_STRATEGIES.contains(panic)) {
            throw new IllegalArgumentException("panic strategy '" + panic + "' is not one of " + PANIC_STRATEGIES);
        }
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        cargoArgs = List.copyOf(cargoArgs);
    }

    public Path manifest() {
        return directory.resolve("Cargo.toml");
    }
}
