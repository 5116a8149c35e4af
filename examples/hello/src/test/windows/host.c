/*
 * A Windows program (built with x86_64-w64-mingw32-gcc) that loads hello.dll and prints what
 * its exports return. Under Wine, the DLL's Linux code reads /proc/version for it.
 */
#include <stdio.h>
#include <windows.h>

typedef int (WINAPI *hello_add_fn)(int, int);
typedef int (WINAPI *hello_proc_version_fn)(char *, int);

int main(void)
{
    static char version[4096];
    HMODULE dll = LoadLibraryA("hello.dll");
    hello_add_fn add;
    hello_proc_version_fn proc_version;
    int len;

    if (!dll)
    {
        printf("LoadLibrary(hello.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    add = (hello_add_fn)GetProcAddress(dll, "hello_add");
    proc_version = (hello_proc_version_fn)GetProcAddress(dll, "hello_proc_version");
    if (!add || !proc_version)
    {
        printf("GetProcAddress failed: error %lu\n", GetLastError());
        return 1;
    }
    printf("hello_add(2, 40) = %d\n", add(2, 40));
    len = proc_version(version, sizeof(version));
    printf("hello_proc_version returned %d bytes:\n%s", len, version);
    fflush(stdout);
    return len > 0 ? 0 : 1;
}
