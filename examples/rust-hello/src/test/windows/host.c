/*
 * A Windows program (built with x86_64-w64-mingw32-gcc) that loads rust_hello.dll, a winelib DLL
 * written in Rust, and prints what its exports return. Under Wine, the DLL's Rust code reads
 * /proc/version with std::fs and prints with println!.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef unsigned char *(WINAPI *proc_version_fn)(size_t *len, size_t *capacity);
typedef void (WINAPI *free_string_fn)(unsigned char *ptr, size_t len, size_t capacity);
typedef DWORD (WINAPI *id_fn)(void);
typedef int (WINAPI *print_fn)(const char *text);

int main(int argc, char **argv)
{
    HMODULE dll = LoadLibraryA("rust_hello.dll");
    proc_version_fn proc_version;
    free_string_fn free_string;
    id_fn process_id, thread_id, attach_count;
    print_fn print;
    unsigned char *text;
    size_t len = 0, capacity = 0;

    if (!dll)
    {
        printf("LoadLibrary(rust_hello.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    proc_version = (proc_version_fn)GetProcAddress(dll, "rust_hello_proc_version");
    free_string = (free_string_fn)GetProcAddress(dll, "rust_hello_free_string");
    process_id = (id_fn)GetProcAddress(dll, "rust_hello_process_id");
    thread_id = (id_fn)GetProcAddress(dll, "rust_hello_thread_id");
    attach_count = (id_fn)GetProcAddress(dll, "rust_hello_attach_count");
    print = (print_fn)GetProcAddress(dll, "rust_hello_print");
    if (!proc_version || !free_string || !process_id || !thread_id || !attach_count || !print)
    {
        printf("GetProcAddress failed: error %lu\n", GetLastError());
        return 1;
    }
    if (argc > 1 && !strcmp(argv[1], "panic"))
    {
        /* the DLL's panic hook ends the process with exit code 101 after Rust's message */
        print_fn panic = (print_fn)GetProcAddress(dll, "rust_hello_panic");
        printf("calling rust_hello_panic\n");
        fflush(stdout);
        panic("on purpose");
        printf("still running after the panic\n");
        return 1;
    }

    printf("DllMain attached: %lu time(s)\n", attach_count());
    printf("process id from Rust matches: %s\n", process_id() == GetCurrentProcessId() ? "yes" : "no");
    printf("thread id from Rust matches: %s\n", thread_id() == GetCurrentThreadId() ? "yes" : "no");

    text = proc_version(&len, &capacity);
    if (!text)
    {
        printf("rust_hello_proc_version failed\n");
        return 1;
    }
    printf("rust_hello_proc_version returned %u bytes:\n%.*s", (unsigned)len, (int)len, (const char *)text);
    free_string(text, len, capacity);

    /* the DLL writes to the same standard output: flush ours first so the lines stay in order */
    fflush(stdout);
    if (print("println! from Rust inside the Windows process") != 0)
    {
        printf("rust_hello_print failed\n");
        return 1;
    }
    printf("done\n");
    fflush(stdout);
    return 0;
}
