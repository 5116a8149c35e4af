/*
 * winelib_unixlib.h - calls from a PE DLL into its Unix library under Wine.
 * Part of winebuild-j; header-only. Every unixlib build puts it next to the generated
 * NAME_unixcalls.h, which includes it: include that header, not this one.
 *
 * How it works (Wine 8.0 and later):
 *   - Wine treats a PE DLL as "builtin" when the text "Wine builtin DLL" follows its DOS header
 *     (the build writes it). For a builtin DLL loaded from a directory of WINEDLLPATH (or Wine's
 *     own DLL directory), Wine remembers the Unix library next to it: NAME.so beside NAME.dll,
 *     or DIR/x86_64-unix/NAME.so for DIR/x86_64-windows/NAME.dll.
 *   - NtQueryVirtualMemory(process, module base, 1000 = MemoryWineUnixFuncs, ...) loads that
 *     library on first use and answers with the address of its __wine_unix_call_funcs table:
 *     the "unixlib handle".
 *   - ntdll's data export __wine_unix_call_dispatcher points to the function that switches to
 *     the Unix side and calls table[code](args). It does not check the code: this header does.
 *
 * In the PE half (_WIN32 defined):
 *   winelib_unixlib_init()                  looks the handle up once (thread-safe, the result is
 *                                            kept); returns 0 or the NTSTATUS of the failure,
 *                                            e.g. STATUS_DLL_NOT_FOUND (0xc0000135) when Wine
 *                                            knows no Unix library for this DLL.
 *   winelib_unixlib_call(code, count, args) makes one call; a code >= count returns
 *                                            WINELIB_UNIXLIB_STATUS_INVALID_CODE without calling.
 * The generated header wraps these as one function per call.
 *
 * In the Unix half: NTSTATUS and the common STATUS_ codes, for the call implementations.
 */
#ifndef WINELIB_UNIXLIB_H
#define WINELIB_UNIXLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
# include <windows.h>
# include <winternl.h>
#else
typedef int NTSTATUS;
#endif

/* What winelib_unixlib_call returns for a code outside the table (STATUS_INVALID_SYSTEM_SERVICE). */
#define WINELIB_UNIXLIB_STATUS_INVALID_CODE ((NTSTATUS)0xC000001C)
/* The NtQueryVirtualMemory information class that answers with the unixlib handle. */
#define WINELIB_UNIXLIB_MEMORY_WINE_UNIX_FUNCS 1000
/* Before NtQueryVirtualMemory's answer is known. */
#define WINELIB_UNIXLIB_NOT_READY 0
#define WINELIB_UNIXLIB_READY 1

#ifdef __cplusplus
# define WINELIB_UNIXLIB_STATIC_ASSERT(condition, message) static_assert(condition, message)
#else
# define WINELIB_UNIXLIB_STATIC_ASSERT(condition, message) _Static_assert(condition, message)
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef _WIN32

/*
 * ntdll's exports, imported under names of our own (the build links an import library that maps
 * them to NtQueryVirtualMemory and __wine_unix_call_dispatcher), so that no header that declares
 * the real names with other types can conflict.
 */
__declspec(dllimport) NTSTATUS NTAPI winelib_unixlib_NtQueryVirtualMemory(HANDLE process, const void *address,
        ULONG information_class, void *buffer, SIZE_T length, SIZE_T *result_length);
__declspec(dllimport) extern NTSTATUS (WINAPI *winelib_unixlib_dispatcher)(UINT64 handle, unsigned int code,
        void *args);

/* The linker's symbol at this DLL's base address. */
extern IMAGE_DOS_HEADER __ImageBase;

/* One per DLL: __declspec(selectany) merges the copies of every source that includes this header. */
struct winelib_unixlib_state
{
    LONG ready;        /* WINELIB_UNIXLIB_READY once status and handle are set */
    NTSTATUS status;   /* NtQueryVirtualMemory's answer */
    UINT64 handle;     /* the address of the Unix library's __wine_unix_call_funcs */
};
__declspec(selectany) struct winelib_unixlib_state winelib_unixlib_state = { WINELIB_UNIXLIB_NOT_READY, 0, 0 };

static inline NTSTATUS winelib_unixlib_init(void)
{
    UINT64 handle = 0;
    NTSTATUS status;

    if (__atomic_load_n(&winelib_unixlib_state.ready, __ATOMIC_ACQUIRE) == WINELIB_UNIXLIB_READY)
        return __atomic_load_n(&winelib_unixlib_state.status, __ATOMIC_RELAXED);

    /* Threads that get here together all ask; Wine gives each the same answer. */
    status = winelib_unixlib_NtQueryVirtualMemory(GetCurrentProcess(), &__ImageBase,
            WINELIB_UNIXLIB_MEMORY_WINE_UNIX_FUNCS, &handle, sizeof(handle), NULL);
    if (status == 0 && handle == 0) status = (NTSTATUS)0xC0000139; /* STATUS_ENTRYPOINT_NOT_FOUND */
    __atomic_store_n(&winelib_unixlib_state.handle, handle, __ATOMIC_RELAXED);
    __atomic_store_n(&winelib_unixlib_state.status, status, __ATOMIC_RELAXED);
    __atomic_store_n(&winelib_unixlib_state.ready, WINELIB_UNIXLIB_READY, __ATOMIC_RELEASE);
    return status;
}

static inline NTSTATUS winelib_unixlib_call(unsigned int code, unsigned int count, void *args)
{
    NTSTATUS status = winelib_unixlib_init();

    if (status != 0) return status;
    if (code >= count) return WINELIB_UNIXLIB_STATUS_INVALID_CODE;
    return winelib_unixlib_dispatcher(__atomic_load_n(&winelib_unixlib_state.handle, __ATOMIC_RELAXED), code,
            args);
}

#else /* the Unix half */

#ifndef STATUS_SUCCESS
# define STATUS_SUCCESS ((NTSTATUS)0x00000000)
#endif
#ifndef STATUS_BUFFER_OVERFLOW
# define STATUS_BUFFER_OVERFLOW ((NTSTATUS)0x80000005)
#endif
#ifndef STATUS_UNSUCCESSFUL
# define STATUS_UNSUCCESSFUL ((NTSTATUS)0xC0000001)
#endif
#ifndef STATUS_NOT_IMPLEMENTED
# define STATUS_NOT_IMPLEMENTED ((NTSTATUS)0xC0000002)
#endif
#ifndef STATUS_INVALID_PARAMETER
# define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif
#ifndef STATUS_NO_MEMORY
# define STATUS_NO_MEMORY ((NTSTATUS)0xC0000017)
#endif
#ifndef STATUS_ACCESS_DENIED
# define STATUS_ACCESS_DENIED ((NTSTATUS)0xC0000022)
#endif
#ifndef STATUS_BUFFER_TOO_SMALL
# define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023)
#endif
#ifndef STATUS_OBJECT_NAME_NOT_FOUND
# define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034)
#endif
#ifndef STATUS_NOT_SUPPORTED
# define STATUS_NOT_SUPPORTED ((NTSTATUS)0xC00000BB)
#endif

#endif /* _WIN32 */

#ifdef __cplusplus
}
#endif

#endif /* WINELIB_UNIXLIB_H */
