/*
 * winebuild-j runtime: what a 'stub' export does when it is called. Like Wine's own stubs it
 * raises the non-continuable exception 0x80000100 (EXCEPTION_WINE_STUB) whose two parameters are
 * the module's file name and the function's name (or its ordinal), so that Wine reports
 * "unimplemented function MODULE.FUNCTION called" and a program can catch it.
 *
 * Self-contained: no Windows or Wine header is needed. RtlRaiseException is imported from ntdll.
 */
#define WINELIB_API __attribute__((ms_abi))

typedef struct winelib_exception_record
{
    unsigned int code;
    unsigned int flags;
    struct winelib_exception_record *next;
    void *address;
    unsigned int parameter_count;
    unsigned long parameters[15];
} winelib_exception_record;

#define WINELIB_EXCEPTION_WINE_STUB 0x80000100u
#define WINELIB_EXCEPTION_NONCONTINUABLE 1u

extern void WINELIB_API RtlRaiseException(winelib_exception_record *record);

__attribute__((visibility("hidden"), noreturn))
void WINELIB_API __wine_spec_unimplemented_stub(const char *module, const char *function)
{
    winelib_exception_record record;

    record.code = WINELIB_EXCEPTION_WINE_STUB;
    record.flags = WINELIB_EXCEPTION_NONCONTINUABLE;
    record.next = 0;
    record.address = (void *)__wine_spec_unimplemented_stub;
    record.parameter_count = 2;
    record.parameters[0] = (unsigned long)module;
    record.parameters[1] = (unsigned long)function;
    for (;;) RtlRaiseException(&record);
}
