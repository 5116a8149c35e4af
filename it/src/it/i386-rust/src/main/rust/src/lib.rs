//! count32.dll: a 32-bit winelib DLL in Rust. On i686, extern "system" is stdcall: the function
//! removes its arguments from the stack, as the spec's stdcall entries promise Windows callers.

use std::collections::BTreeMap;
use std::ffi::CStr;
use std::os::raw::c_char;

extern "system" {
    // imported from kernel32.dll by the build (an undefined symbol of the crate)
    fn GetTickCount() -> u32;
}

/// Counts the words of a text with the standard library's map; returns how many differ.
#[no_mangle]
pub extern "system" fn count_distinct(text: *const c_char) -> u32 {
    if text.is_null() {
        return 0;
    }
    let text = unsafe { CStr::from_ptr(text) }.to_string_lossy();
    let mut words = BTreeMap::new();
    for w in text.split_whitespace() {
        *words.entry(w.to_owned()).or_insert(0u32) += 1;
    }
    words.len() as u32
}

/// A 64-bit sum of two 32-bit values: 16 bytes of arguments on the stack.
#[no_mangle]
pub extern "system" fn count_wide(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

/// The tick count from kernel32, through the module's imports.
#[no_mangle]
pub extern "system" fn count_ticks() -> u32 {
    unsafe { GetTickCount() }
}
