/*
 * winebuild-j runtime: the helper the delay-load thunks call on the first call of a delay-imported
 * function. It asks kernel32 to load the DLL, resolve the function and patch the import slot.
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#ifdef __i386__
/* WINAPI on i386: the callee pops its arguments; Windows callers keep the stack only 4-byte aligned */
#define WINELIB_API __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
#else
#define WINELIB_API __attribute__((ms_abi))
#endif

extern void *WINELIB_API ResolveDelayLoadedAPI(void *base, const void *descriptor, void *dll_hook,
                                              void *system_hook, void *slot, unsigned int flags);
extern void *WINELIB_API DelayLoadFailureHook(const char *dll, const char *function);

/* The NT header Wine reads; its ImageBase field points into the header reserve. */
extern const unsigned char __wine_spec_nt_header[]; /* exported: no visibility attribute here */

__attribute__((visibility("hidden")))
void *WINELIB_API __delayLoadHelper2(const void *descriptor, void *slot)
{
    unsigned long image_base = *(const unsigned long *)(__wine_spec_nt_header + 48);
    void *module = (void *)((image_base + 0xffff) & ~0xffffUL);

    return ResolveDelayLoadedAPI(module, descriptor, 0, (void *)DelayLoadFailureHook, slot, 0);
}
