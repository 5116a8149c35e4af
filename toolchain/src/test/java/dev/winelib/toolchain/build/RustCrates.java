package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.cargo.RustCrate;

/** Small Rust crates for the tests: no dependencies, so cargo needs no network. */
public final class RustCrates {

    public static final String SPEC = "@ stdcall rust_ids()\n@ stdcall rust_len(str)\n";

    /** Exports that call kernel32 through an import slot and through an import thunk, and a DllMain. */
    public static final String LIB = """
            use std::ffi::CStr;
            use std::os::raw::c_char;
            use std::sync::atomic::{AtomicU32, Ordering};

            extern "C" {
                #[link_name = "__imp_GetCurrentProcessId"]
                static GET_CURRENT_PROCESS_ID: unsafe extern "win64" fn() -> u32;
            }
            extern "win64" {
                fn GetCurrentThreadId() -> u32;
            }

            static ATTACHED: AtomicU32 = AtomicU32::new(0);

            #[no_mangle]
            pub extern "win64" fn DllMain(_instance: *mut u8, reason: u32, _reserved: *mut u8) -> i32 {
                if reason == 1 {
                    ATTACHED.fetch_add(1, Ordering::SeqCst);
                }
                1
            }

            #[no_mangle]
            pub extern "win64" fn rust_ids() -> u32 {
                unsafe { GET_CURRENT_PROCESS_ID() ^ GetCurrentThreadId() ^ ATTACHED.load(Ordering::SeqCst) }
            }

            #[no_mangle]
            pub extern "win64" fn rust_len(text: *const c_char) -> usize {
                let text = unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned();
                std::fs::metadata("/proc/version").map(|m| m.len() as usize).unwrap_or(0) + text.len()
            }
            """;

    private RustCrates() {
    }

    /** Writes the crate {@code name} with the given crate type and source into {@code directory}. */
    public static Path write(Path directory, String name, String crateType, String lib) throws IOException {
        Files.createDirectories(directory.resolve("src"));
        Files.writeString(directory.resolve("Cargo.toml"), """
                [package]
                name = "%s"
                version = "0.1.0"
                edition = "2021"

                [lib]
                crate-type = ["%s"]
                """.formatted(name, crateType));
        Files.writeString(directory.resolve("src/lib.rs"), lib);
        return directory;
    }

    public static RustCrate crate(Path directory, Path targetDirectory) {
        return new RustCrate(directory, "cargo", "release", "abort", targetDirectory, List.of());
    }
}
