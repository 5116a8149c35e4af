/*
 * Loads win32calls.dll under Wine and checks what its Linux-side Win32 calls returned. The last
 * call is a stub export: the vectored handler catches Wine's stub exception, prints its
 * parameters and ends the process.
 */
#include <stdio.h>
#include <windows.h>

#define EXCEPTION_WINE_STUB 0x80000100

static LONG CALLBACK on_exception(EXCEPTION_POINTERS *info)
{
    EXCEPTION_RECORD *rec = info->ExceptionRecord;
    if (rec->ExceptionCode != EXCEPTION_WINE_STUB) return EXCEPTION_CONTINUE_SEARCH;
    printf("stub exception %08lx flags=%lu params=%lu module=%s function=%s\n", rec->ExceptionCode,
           rec->ExceptionFlags, rec->NumberParameters, (const char *)rec->ExceptionInformation[0],
           (const char *)rec->ExceptionInformation[1]);
    fflush(stdout);
    ExitProcess(0);
    return EXCEPTION_CONTINUE_SEARCH;
}

#define GET(name) (void *)GetProcAddress(dll, name)

int main(void)
{
    char text[] = "linux and windows";
    HMODULE dll = LoadLibraryA("win32calls.dll"), again;
    int (WINAPI *major)(void), (WINAPI *upper)(char *), (WINAPI *tick_ok)(void), (WINAPI *attaches)(void);
    int (WINAPI *by_ordinal)(void), (WINAPI *delayed)(void);
    DWORD (WINAPI *ctor_pid)(void);
    void (WINAPI *unimplemented)(void);
    OSVERSIONINFOW info;

    if (!dll)
    {
        printf("LoadLibrary failed: %lu\n", GetLastError());
        return 1;
    }
    again = LoadLibraryA("win32calls.dll");
    major = GET("w32_major_version");
    upper = GET("w32_upper");
    ctor_pid = GET("w32_ctor_pid");
    tick_ok = GET("w32_ctor_tick_ok");
    attaches = GET("w32_attach_count");
    by_ordinal = GET("w32_ordinal_import");
    delayed = GET("w32_delay_import");
    unimplemented = GET("w32_unimplemented");

    info.dwOSVersionInfoSize = sizeof(info);
    GetVersionExW(&info);
    printf("major version matches: %s\n", major() == (int)info.dwMajorVersion ? "yes" : "no");
    printf("upper: %d %s\n", upper(text), text);
    printf("constructor saw this process: %s\n", ctor_pid() == GetCurrentProcessId() ? "yes" : "no");
    printf("constructor tick ok: %d\n", tick_ok());
    printf("attach count after two loads: %d (same module: %s)\n", attaches(), again == dll ? "yes" : "no");
    printf("by ordinal: %d\n", by_ordinal());
    printf("lazylib loaded before first call: %s\n", GetModuleHandleA("lazylib.dll") ? "yes" : "no");
    printf("delay import: %d\n", delayed());
    printf("lazylib loaded after first call: %s\n", GetModuleHandleA("lazylib.dll") ? "yes" : "no");
    fflush(stdout);

    AddVectoredExceptionHandler(1, on_exception);
    unimplemented();
    printf("the stub returned\n");
    return 1;
}
