/*
 * A Windows program (built with x86_64-w64-mingw32-gcc) that loads renamed.dll, the configured
 * build of calc, and prints what its exports return.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef int (WINAPI *calc_value_fn)(int);
typedef int (WINAPI *calc_extra_fn)(void);
typedef int (WINAPI *calc_hypot_fn)(int, int);
typedef const char *(WINAPI *calc_compiler_fn)(void);

int main(void)
{
    char path[MAX_PATH];
    const char *base;
    HMODULE dll = LoadLibraryA("renamed.dll");
    calc_value_fn value;
    calc_extra_fn extra;
    calc_hypot_fn hyp;
    calc_compiler_fn compiler;

    if (!dll)
    {
        printf("LoadLibrary(renamed.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    value = (calc_value_fn)GetProcAddress(dll, "calc_value");
    extra = (calc_extra_fn)GetProcAddress(dll, "calc_extra");
    hyp = (calc_hypot_fn)GetProcAddress(dll, "calc_hypot");
    compiler = (calc_compiler_fn)GetProcAddress(dll, "calc_compiler");
    if (!value || !extra || !hyp || !compiler)
    {
        printf("GetProcAddress failed: error %lu\n", GetLastError());
        return 1;
    }
    if (!GetModuleFileNameA(dll, path, sizeof(path)))
    {
        printf("GetModuleFileName failed: error %lu\n", GetLastError());
        return 1;
    }
    base = strrchr(path, '\\');
    base = base ? base + 1 : path;
    printf("module = %s\n", base);
    printf("GetModuleHandle(renamed.dll) %s\n", GetModuleHandleA("renamed.dll") == dll ? "matches" : "differs");
    printf("calc_value(14) = %d\n", value(14));
    printf("calc_extra() = %d\n", extra());
    printf("calc_hypot(3, 4) = %d\n", hyp(3, 4));
    printf("calc_compiler() = %s\n", compiler());
    fflush(stdout);
    return 0;
}
