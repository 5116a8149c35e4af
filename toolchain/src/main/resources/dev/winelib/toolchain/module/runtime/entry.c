/*
 * winebuild-j runtime: the entry point of a winelib module.
 *
 * ld.so must not run the module's constructors when Wine dlopens it: Win32 is not usable yet.
 * After linking, winebuild-j renames the DT_INIT, DT_INIT_ARRAY and DT_INIT_ARRAYSZ tags of the
 * module's dynamic section to 0x60009996, 0x60009994 and 0x60009995, so ld.so skips them. Wine
 * calls this entry point at DLL_PROCESS_ATTACH; it runs the constructors then (constructors.c),
 * and calls the module's DllMain (or the entry function configured with WINELIB_ENTRY).
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#ifdef __i386__
/* WINAPI on i386: the callee pops its arguments; Windows callers keep the stack only 4-byte aligned */
#define WINELIB_API __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
#else
#define WINELIB_API __attribute__((ms_abi))
#endif

#ifndef WINELIB_ENTRY
#define WINELIB_ENTRY DllMain
#endif

typedef int BOOL;
typedef unsigned int DWORD;

#define WINELIB_DLL_PROCESS_ATTACH 1

/* Runs the module's constructors (constructors.c). */
extern void winelib_run_constructors(void) __attribute__((visibility("hidden")));

/* The module's own entry function; when it has none, the module is simply attached. */
extern BOOL WINELIB_API WINELIB_ENTRY(void *instance, DWORD reason, void *reserved)
    __attribute__((weak, visibility("hidden")));

__attribute__((visibility("hidden")))
BOOL WINELIB_API __wine_spec_dll_entry(void *instance, DWORD reason, void *reserved)
{
    if (reason == WINELIB_DLL_PROCESS_ATTACH) winelib_run_constructors();
    if (WINELIB_ENTRY) return WINELIB_ENTRY(instance, reason, reserved);
    return 1;
}
