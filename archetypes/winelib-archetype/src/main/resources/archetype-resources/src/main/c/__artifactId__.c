/*
 * The Windows-facing part of this DLL: WINAPI exports (listed in the spec) that Windows programs
 * call. It is compiled with Wine's headers and can call the Win32 API as well as plain Linux code.
 */
#define BUILDING_DLL
#include <windef.h>
#include <winbase.h>

#include "exports.h"
#include "linux_side.h"

int WINAPI add_numbers(int a, int b)
{
    return a + b;
}

int WINAPI kernel_name(char *buf, int size)
{
    if (!buf || size <= 0) return -1;
    return linux_kernel_name(buf, (size_t)size);
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    return TRUE;
}
