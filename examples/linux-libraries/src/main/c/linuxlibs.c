/*
 * linuxlibs.dll, the Windows-facing half: WINAPI exports that Windows programs call. Each one
 * calls the plain-Linux half (src/main/unix) through an ordinary prototype.
 */
#include <windef.h>
#include <winbase.h>

#include "linuxlibs_unix.h"

int WINAPI linuxlibs_pulseaudio(char *buf, int size)
{
    return buf && size > 0 ? linuxlibs_pulse_version(buf, (size_t)size) : -1;
}

int WINAPI linuxlibs_sdl2(char *buf, int size)
{
    return buf && size > 0 ? linuxlibs_sdl_version(buf, (size_t)size) : -1;
}

int WINAPI linuxlibs_vulkan(char *buf, int size)
{
    return buf && size > 0 ? linuxlibs_vulkan_version(buf, (size_t)size) : -1;
}
