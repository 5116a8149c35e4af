/*
 * Loads features.dll under Wine (WINEDLLPATH names the directory with features.dll and
 * features.so). Eight threads make their first unix call at the same time; then a call without
 * parameters, a status from the Unix side, an export by ordinal, a forward, and finally a stub,
 * whose exception the vectored handler reports before ending the process.
 */
#include <stdio.h>
#include <windows.h>

#define EXCEPTION_WINE_STUB 0x80000100
#define THREADS 8

typedef LONG (WINAPI *count_fn)(const WCHAR *, UINT64 *);

static count_fn count_units;
static HANDLE start;
static LONG failures;

static DWORD WINAPI worker(void *arg)
{
    UINT64 units = 0;
    WaitForSingleObject(start, INFINITE);
    if (count_units(L"unixlib", &units) != 0 || units != 7) InterlockedIncrement(&failures);
    return 0;
}

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

int main(void)
{
    HMODULE dll = LoadLibraryA("features.dll");
    LONG (WINAPI *ping)(void), (WINAPI *fail)(LONG);
    int (WINAPI *secret)(void);
    void (WINAPI *sleep)(DWORD), (WINAPI *later)(void);
    HANDLE threads[THREADS];
    UINT64 units = 0;
    LONG status;
    int i;

    if (!dll)
    {
        printf("LoadLibrary failed: %lu\n", GetLastError());
        return 1;
    }
    count_units = (count_fn)GetProcAddress(dll, "features_count_units");
    ping = (void *)GetProcAddress(dll, "features_ping");
    fail = (void *)GetProcAddress(dll, "features_fail");
    secret = (void *)GetProcAddress(dll, MAKEINTRESOURCEA(7));
    sleep = (void *)GetProcAddress(dll, "features_sleep");
    later = (void *)GetProcAddress(dll, "features_later");
    printf("secret by name: %s\n", GetProcAddress(dll, "features_secret") ? "found" : "not found");

    start = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    SetEvent(start);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    printf("threads: %d, failures: %ld\n", THREADS, failures);

    status = count_units(L"h\u00e9llo \U0001F600", &units);
    printf("count_units: status 0x%08lx, %llu units\n", (unsigned long)status, (unsigned long long)units);
    printf("ping: status 0x%08lx\n", (unsigned long)ping());
    printf("fail: status 0x%08lx\n", (unsigned long)fail((LONG)0xC0000022));
    printf("secret by ordinal: %d\n", secret());
    printf("forward is kernel32's Sleep: %s\n", (void *)sleep == (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "Sleep") ? "yes" : "no");
    sleep(1);
    fflush(stdout);

    AddVectoredExceptionHandler(1, on_exception);
    later();
    printf("the stub returned\n");
    return 1;
}
