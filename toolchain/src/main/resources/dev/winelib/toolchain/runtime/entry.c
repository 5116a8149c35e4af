/*
 * winebuild-j runtime: the entry point of a winelib module.
 *
 * ld.so must not run the module's constructors when Wine dlopens it: Win32 is not usable yet.
 * After linking, winebuild-j renames the DT_INIT, DT_INIT_ARRAY and DT_INIT_ARRAYSZ tags of the
 * module's dynamic section to 0x60009996, 0x60009994 and 0x60009995, so ld.so skips them. Wine
 * calls this entry point at DLL_PROCESS_ATTACH; it runs the constructors then, and calls the
 * module's DllMain (or the entry function configured with WINELIB_ENTRY).
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#define WINELIB_API __attribute__((ms_abi))

#ifndef WINELIB_ENTRY
#define WINELIB_ENTRY DllMain
#endif

typedef int BOOL;
typedef unsigned int DWORD;

typedef struct
{
    long d_tag;
    unsigned long d_val;
} winelib_dyn;

enum
{
    WINELIB_DT_NULL = 0,
    WINELIB_TAG_INIT_ARRAY = 0x60009994,
    WINELIB_TAG_INIT_ARRAYSZ = 0x60009995,
    WINELIB_TAG_INIT = 0x60009996
};

#define WINELIB_DLL_PROCESS_ATTACH 1

/* Both are defined by the linker: the dynamic section and the module's first byte. */
extern const winelib_dyn _DYNAMIC[] __attribute__((visibility("hidden")));
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

/* The module's own entry function; when it has none, the module is simply attached. */
extern BOOL WINELIB_API WINELIB_ENTRY(void *instance, DWORD reason, void *reserved)
    __attribute__((weak, visibility("hidden")));

typedef void (*winelib_init_fn)(int, char **, char **);

static void winelib_run_constructors(void)
{
    const char *base = __ehdr_start;
    winelib_init_fn init = 0;
    const winelib_init_fn *array = 0;
    unsigned long size = 0, i;
    const winelib_dyn *dyn;

    for (dyn = _DYNAMIC; dyn->d_tag != WINELIB_DT_NULL; dyn++)
    {
        switch (dyn->d_tag)
        {
        case WINELIB_TAG_INIT: init = (winelib_init_fn)(base + dyn->d_val); break;
        case WINELIB_TAG_INIT_ARRAY: array = (const winelib_init_fn *)(base + dyn->d_val); break;
        case WINELIB_TAG_INIT_ARRAYSZ: size = dyn->d_val; break;
        }
    }
    if (init) init(0, 0, 0);
    for (i = 0; array && i < size / sizeof(*array); i++) array[i](0, 0, 0);
}

__attribute__((visibility("hidden")))
BOOL WINELIB_API __wine_spec_dll_entry(void *instance, DWORD reason, void *reserved)
{
    if (reason == WINELIB_DLL_PROCESS_ATTACH) winelib_run_constructors();
    if (WINELIB_ENTRY) return WINELIB_ENTRY(instance, reason, reserved);
    return 1;
}
