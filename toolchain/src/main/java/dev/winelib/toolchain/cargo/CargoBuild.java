package dev.winelib.toolchain.cargo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * Builds a Rust crate with cargo into the static library a winelib module links:
 * {@code cargo rustc --lib --target x86_64-unknown-linux-gnu --profile P -- --print=native-static-libs}.
 *
 * <p>The settings a winelib module needs:
 * <ul>
 * <li>the crate's library target has {@code crate-type = ["staticlib"]}: the archive carries the
 *     crate and Rust's standard library, and ld.lld takes from it what the exports need;</li>
 * <li>target {@code x86_64-unknown-linux-gnu}, whose code is position-independent by default (a
 *     shared object needs it; ld.lld refuses anything else);</li>
 * <li>{@code panic = "abort"} for the profile unless configured otherwise (set with
 *     {@code CARGO_PROFILE_<P>_PANIC}, which wins over Cargo.toml): a panic cannot unwind out of an
 *     {@code extern "win64"} export into the Windows frames that called it (they have no DWARF
 *     unwind information), so unwinding only serves crates that stop every panic at their exports
 *     with {@code catch_unwind}; {@code unwind} is available for those;</li>
 * <li>the native libraries rustc lists for the archive ({@code -lgcc_s -lutil -lrt -lpthread -lm
 *     -ldl -lc} for std) are linked as needed.</li>
 * </ul>
 * cargo is always run: it is incremental and returns at once when nothing changed.
 */
public final class CargoBuild {

    /**
     * The crate's static library and the native libraries it needs.
     *
     * @param staticLibrary the {@code .a} cargo produced
     * @param nativeLibraries linker arguments ({@code -lNAME}, {@code -l:FILE})
     */
    public record Output(Path staticLibrary, List<String> nativeLibraries) {
        public Output {
            nativeLibraries = List.copyOf(nativeLibraries);
        }
    }

    private CargoBuild() {
    }

    public static Output build(RustCrate crate, ToolLocator tools, BuildLog log) throws IOException, InterruptedException,
            BuildFailure {
        return build(crate, RustCrate.TARGET, tools, log);
    }

    /**
     * Builds the crate for the Rust target {@code target} ({@link RustCrate#target}): an i386 module
     * links an {@code i686-unknown-linux-gnu} static library, which needs that target's standard library.
     */
    public static Output build(RustCrate crate, String target, ToolLocator tools, BuildLog log) throws IOException,
            InterruptedException, BuildFailure {
        Path manifest = crate.manifest().toAbsolutePath();
        if (!Files.isRegularFile(manifest)) {
            throw new BuildFailure(manifest + ": no Cargo.toml: the Rust crate directory must hold the crate's"
                    + " Cargo.toml");
        }
        if (!crate.profile().matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new BuildFailure("cargo profile '" + crate.profile() + "' is not a profile name");
        }
        Path cargo;
        try {
            cargo = tools.require(crate.cargo(), "cargo", "to build the Rust crate " + crate.directory());
        } catch (ToolNotFoundException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        List<String> command = command(cargo, manifest, crate, target);
        Map<String, String> environment = environment(cargo, crate.profile(), crate.panic());
        log.info("building the Rust crate " + crate.directory() + " with cargo (profile " + crate.profile() + ")");
        log.debug(environment + " " + String.join(" ", command));
        ProcessRunner.Result result = ProcessRunner.run(command, crate.directory().toAbsolutePath(), environment);
        CargoMessages messages = CargoMessages.parse(result.output());
        messages.otherLines().forEach(log::debug);
        if (result.exitCode() != 0) {
            List<String> report = new ArrayList<>(messages.diagnostics());
            report.addAll(messages.otherLines());
            String text = String.join("\n", report);
            String hint = !target.equals(RustCrate.TARGET) && (text.contains("may not be installed")
                    || text.contains("can't find crate for `std`") || text.contains("can't find crate for `core`"))
                    ? "\nThe Rust toolchain of " + cargo + " has no standard library for " + target + ": on Debian,"
                    + " install libstd-rust-dev:i386 (dpkg --add-architecture i386) and build with Debian's cargo"
                    + " (<cargo>/usr/bin/cargo</cargo>, -Dwinelib.cargo=/usr/bin/cargo); with rustup, run"
                    + " rustup target add " + target : "";
            throw new BuildFailure("cargo failed to build the Rust crate " + manifest + " (exit code "
                    + result.exitCode() + "):\n" + text + "\ncommand: " + String.join(" ", command) + hint);
        }
        messages.diagnostics().forEach(log::warn);
        if (messages.staticLibraries().isEmpty()) {
            throw new BuildFailure(manifest + ": the crate's library is not built as a static library; a winelib"
                    + " module links the crate as one. Add to Cargo.toml:\n[lib]\ncrate-type = [\"staticlib\"]"
                    + (messages.libraryTargetsWithoutStaticlib().isEmpty() ? ""
                            : "\n(library targets built: " + String.join(", ",
                                    messages.libraryTargetsWithoutStaticlib()) + ")"));
        }
        if (messages.staticLibraries().size() > 1) {
            throw new BuildFailure(manifest + ": cargo produced several static libraries "
                    + messages.staticLibraries() + "; a winelib module links one crate");
        }
        Path library = Path.of(messages.staticLibraries().get(0));
        if (!Files.isRegularFile(library)) {
            throw new BuildFailure("cargo reported " + library + ", which does not exist");
        }
        if (messages.nativeStaticLibs().isEmpty()) {
            throw new BuildFailure("rustc did not list the native libraries of " + library + " (the note"
                    + " 'native-static-libs' of --print=native-static-libs); is " + cargo + " a cargo with its rustc?");
        }
        for (String arg : messages.nativeStaticLibs()) {
            if (!arg.startsWith("-l") || arg.length() == 2) {
                throw new BuildFailure("rustc lists the native library argument '" + arg + "' for " + library
                        + ", which winebuild-j does not know how to link (only -lNAME and -l:FILE)");
            }
        }
        return new Output(library, messages.nativeStaticLibs());
    }

    public static List<String> command(Path cargo, Path manifest, RustCrate crate) {
        return command(cargo, manifest, crate, RustCrate.TARGET);
    }

    /** The cargo command building the crate for the Rust target {@code target}. */
    public static List<String> command(Path cargo, Path manifest, RustCrate crate, String target) {
        List<String> command = new ArrayList<>();
        command.add(cargo.toString());
        command.add("rustc");
        command.add("--manifest-path");
        command.add(manifest.toString());
        command.add("--lib");
        command.add("--target");
        command.add(target);
        command.add("--target-dir");
        command.add(crate.targetDirectory().toAbsolutePath().toString());
        command.add("--profile");
        command.add(crate.profile());
        command.add("--message-format=json");
        command.addAll(crate.cargoArgs());
        command.add("--");
        command.add("--print=native-static-libs");
        return command;
    }

    /**
     * The profile's panic strategy ({@code abort} unless configured), no colours, and, unless {@code RUSTC} is set, the rustc next to
     * cargo (a distribution's cargo with its own rustc, even when a rustup rustc comes first on the
     * PATH).
     */
    public static Map<String, String> environment(Path cargo, String profile, String panic) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CARGO_PROFILE_" + profile.toUpperCase(Locale.ROOT).replace('-', '_') + "_PANIC", panic);
        env.put("CARGO_TERM_COLOR", "never");
        String rustc = System.getenv("RUSTC");
        if (rustc == null || rustc.isBlank()) {
            Path sibling = cargo.toAbsolutePath().resolveSibling("rustc");
            if (Files.isExecutable(sibling)) {
                env.put("RUSTC", sibling.toString());
            }
        }
        return env;
    }
}
