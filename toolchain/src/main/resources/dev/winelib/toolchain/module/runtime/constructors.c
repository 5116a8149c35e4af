/*
 * winebuild-j runtime: runs a winelib module's constructors.
 *
 * After linking, the DT_INIT, DT_INIT_ARRAY and DT_INIT_ARRAYSZ tags of the module's dynamic
 * section are renamed to 0x60009996, 0x60009994 and 0x60009995 (winebuild's --fixup-ctors), so
 * that ld.so does not run the constructors when Wine loads the module. The module's entry point
 * (entry.c for a DLL, exe.c for an executable) runs them through this function instead, once
 * Win32 calls work. A module whose tags were not renamed had its constructors run by ld.so; the
 * renamed tags are then absent and nothing runs twice.
 *
 * Self-contained: no Windows or Wine header is needed.
 */

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

/* Both are defined by the linker: the dynamic section and the module's first byte. */
extern const winelib_dyn _DYNAMIC[] __attribute__((visibility("hidden")));
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

typedef void (*winelib_init_fn)(int, char **, char **);

__attribute__((visibility("hidden")))
void winelib_run_constructors(void)
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
