/* Calls every export of relay.dll once and prints the results. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    HMODULE dll = LoadLibraryA("relay.dll");
    int (WINAPI *add)(int, int);
    int (__cdecl *len)(const char *);
    int (WINAPI *wlen)(const WCHAR *);
    int (WINAPI *scale)(double, int);
    int (__cdecl *count)(int, ...);
    int (WINAPI *quiet)(int);

    if (!dll)
    {
        printf("LoadLibrary failed: %lu\n", GetLastError());
        return 1;
    }
    add = (void *)GetProcAddress(dll, "relay_add");
    len = (void *)GetProcAddress(dll, "relay_strlen");
    wlen = (void *)GetProcAddress(dll, "relay_wcslen");
    scale = (void *)GetProcAddress(dll, "relay_scale");
    count = (void *)GetProcAddress(dll, "relay_count");
    quiet = (void *)GetProcAddress(dll, "relay_quiet");
    if (!add || !len || !wlen || !scale || !count || !quiet)
    {
        printf("GetProcAddress failed\n");
        return 1;
    }
    printf("add=%d strlen=%d wcslen=%d scale=%d count=%d quiet=%d\n", add(2, 40), len("hello"),
           wlen(L"wide"), scale(2.5, 4), count(3, 1, 2, 3), quiet(7));
    return 0;
}
