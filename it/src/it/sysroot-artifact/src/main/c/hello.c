/*
 * hello.dll: a winelib DLL. Windows programs call its exports; inside, it is Linux code
 * using the C library.
 */
#include <stdio.h>
#include <string.h>

#include <windef.h>
#include <winbase.h>

/* Adds two integers. */
int WINAPI hello_add(int a, int b)
{
    return a + b;
}

/*
 * Copies the contents of /proc/version (read with Linux stdio) into buf, NUL-terminated.
 * Returns the number of bytes copied, or -1 if the file cannot be read.
 */
int WINAPI hello_proc_version(char *buf, int size)
{
    FILE *f;
    size_t n;

    if (!buf || size <= 0) return -1;
    f = fopen("/proc/version", "r");
    if (!f) return -1;
    n = fread(buf, 1, (size_t)size - 1, f);
    fclose(f);
    buf[n] = 0;
    return (int)n;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    return TRUE;
}
