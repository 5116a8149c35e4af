//! rust_hello.dll: a winelib DLL written in Rust. Windows programs call its exports; inside, it is
//! Linux code using Rust's standard library, and it can call Win32 through the module's imports.

use std::ffi::CStr;
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::raw::c_char;
use std::sync::atomic::{AtomicU32, Ordering};

// Win32 functions, imported from kernel32.dll by winebuild-j (the build sees the undefined symbols
// and adds them to the module's import table).
extern "C" {
    // The import address table slot: a pointer to GetCurrentProcessId, filled in by Wine's loader.
    #[link_name = "__imp_GetCurrentProcessId"]
    static GET_CURRENT_PROCESS_ID: unsafe extern "win64" fn() -> u32;
}
extern "win64" {
    // The function itself: a small thunk in the module jumps through the slot.
    fn GetCurrentThreadId() -> u32;
    fn GetCurrentProcess() -> isize;
    fn TerminateProcess(process: isize, exit_code: u32) -> i32;
}

static ATTACH_COUNT: AtomicU32 = AtomicU32::new(0);

/// Called by Wine at DLL_PROCESS_ATTACH and the other notifications, like a Windows DllMain.
#[no_mangle]
pub extern "win64" fn DllMain(_instance: *mut u8, reason: u32, _reserved: *mut u8) -> i32 {
    const DLL_PROCESS_ATTACH: u32 = 1;
    if reason == DLL_PROCESS_ATTACH {
        ATTACH_COUNT.fetch_add(1, Ordering::SeqCst);
        end_process_on_panic();
    }
    1
}

/// After Rust has printed a panic's message, ends the process with exit code 101 through Win32.
///
/// Without this, a panic aborts: abort() raises SIGABRT, Wine turns it into an exception and
/// dispatches it over the Rust frames, calling their DWARF personality routine as if it were a
/// Windows exception handler; that fails, again and again, until Wine reports a stack overflow
/// (c00000fd) instead of the panic. (Only for threads Wine created, which every call from Windows
/// code runs on; threads from std::thread::spawn cannot call Win32.)
fn end_process_on_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        unsafe {
            TerminateProcess(GetCurrentProcess(), 101);
        }
    }));
}

/// Reads /proc/version with std::fs and hands the String's buffer to the caller, who gives it
/// back to rust_hello_free_string. Returns null if the file cannot be read.
#[no_mangle]
pub extern "win64" fn rust_hello_proc_version(out_len: *mut usize, out_capacity: *mut usize) -> *mut u8 {
    let text = match std::fs::read_to_string("/proc/version") {
        Ok(text) => text,
        Err(_) => return std::ptr::null_mut(),
    };
    let mut text = ManuallyDrop::new(text);
    unsafe {
        *out_len = text.len();
        *out_capacity = text.capacity();
    }
    text.as_mut_ptr()
}

/// Frees a string returned by rust_hello_proc_version.
#[no_mangle]
pub extern "win64" fn rust_hello_free_string(ptr: *mut u8, len: usize, capacity: usize) {
    if !ptr.is_null() {
        drop(unsafe { String::from_raw_parts(ptr, len, capacity) });
    }
}

/// The Windows process id, from kernel32 through the import slot.
#[no_mangle]
pub extern "win64" fn rust_hello_process_id() -> u32 {
    unsafe { GET_CURRENT_PROCESS_ID() }
}

/// The Windows thread id, from kernel32 through the import thunk.
#[no_mangle]
pub extern "win64" fn rust_hello_thread_id() -> u32 {
    unsafe { GetCurrentThreadId() }
}

/// How many times DllMain saw DLL_PROCESS_ATTACH.
#[no_mangle]
pub extern "win64" fn rust_hello_attach_count() -> u32 {
    ATTACH_COUNT.load(Ordering::SeqCst)
}

/// Panics (the host calls it to show what a panic does inside a winelib DLL).
#[no_mangle]
pub extern "win64" fn rust_hello_panic(text: *const c_char) -> i32 {
    let text = if text.is_null() { "(null)".into() } else { unsafe { CStr::from_ptr(text) }.to_string_lossy() };
    panic!("rust_hello_panic was called with '{}'", text);
}

/// Prints a line with println! to the process's standard output (the Linux file descriptor 1).
#[no_mangle]
pub extern "win64" fn rust_hello_print(text: *const c_char) -> i32 {
    if text.is_null() {
        return -1;
    }
    let text = unsafe { CStr::from_ptr(text) }.to_string_lossy();
    println!("{}", text);
    match std::io::stdout().flush() {
        Ok(()) => 0,
        Err(_) => -1,
    }
}
