/* Loads crtcalc.dll (a winelib DLL on Wine's ucrtbase) and calls it. */
#include <stdio.h>
#include <windows.h>

typedef int (__cdecl *sum_fn)(const char *, const char *);
typedef int (__cdecl *errno_fn)(void);

int main(void)
{
    HMODULE dll = LoadLibraryA("crtcalc.dll");
    sum_fn sum;
    errno_fn err;

    if (!dll)
    {
        printf("LoadLibrary failed: %lu\n", GetLastError());
        return 1;
    }
    sum = (sum_fn)GetProcAddress(dll, "crtcalc_sum");
    err = (errno_fn)GetProcAddress(dll, "crtcalc_errno");
    fflush(stdout);
    printf("sum %d\n", sum("12", "30"));
    printf("errno %d\n", err());
    printf("ucrtbase loaded: %s\n", GetModuleHandleA("ucrtbase.dll") ? "yes" : "no");
    fflush(stdout);
    return 0;
}
