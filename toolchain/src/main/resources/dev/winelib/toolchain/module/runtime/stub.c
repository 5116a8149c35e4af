/*
 * winebuild-j runtime: what a 'stub' export does when it is called. Like Wine's own stubs it
 * raises the non-continuable exception 0x80000100 (EXCEPTION_WINE_STUB) whose two parameters are
 * the module's file name and the function's name (or its ordinal), so that Wine reports
 * "unimplemented function MODULE.FUNCTION called" and a program can catch it.
 *
 * It raises through kernel32's RaiseException, as the stubs of winebuild-built modules do: the
 * exception's address is then the same (inside kernelbase), and so are Wine's report and a
 * handler's view of it.
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#ifdef __i386__
/* WINAPI on i386: the callee pops its arguments; Windows callers keep the stack only 4-byte aligned */
#define WINELIB_API __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
#else
#define WINELIB_API __attribute__((ms_abi))
#endif

#define WINELIB_EXCEPTION_WINE_STUB 0x80000100u
#define WINELIB_EXCEPTION_NONCONTINUABLE 1u

extern void WINELIB_API RaiseException(unsigned int code, unsigned int flags, unsigned int count,
                                       const unsigned long *arguments);

__attribute__((visibility("hidden"), noreturn))
void WINELIB_API __wine_spec_unimplemented_stub(const char *module, const char *function)
{
    unsigned long arguments[2];

    arguments[0] = (unsigned long)module;
    arguments[1] = (unsigned long)function;
    for (;;) RaiseException(WINELIB_EXCEPTION_WINE_STUB, WINELIB_EXCEPTION_NONCONTINUABLE, 2, arguments);
}
