/*
 * A Windows program (mingw-w64) that loads linuxlibs.dll and prints the versions of the Linux
 * libraries its Linux half called: PulseAudio, SDL2 and the Vulkan loader.
 */
#include <stdio.h>
#include <windows.h>

typedef int (WINAPI *version_fn)(char *, int);

static int show(HMODULE dll, const char *export, const char *library)
{
    char version[256];
    version_fn fn = (version_fn)GetProcAddress(dll, export);

    if (!fn)
    {
        printf("GetProcAddress(%s) failed: error %lu\n", export, GetLastError());
        return 1;
    }
    if (fn(version, sizeof(version)) < 0)
    {
        printf("%s: no version\n", library);
        return 1;
    }
    printf("%s %s\n", library, version);
    return 0;
}

int main(void)
{
    HMODULE dll = LoadLibraryA("linuxlibs.dll");
    int failures = 0;

    if (!dll)
    {
        printf("LoadLibrary(linuxlibs.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    failures += show(dll, "linuxlibs_pulseaudio", "PulseAudio");
    failures += show(dll, "linuxlibs_sdl2", "SDL2");
    failures += show(dll, "linuxlibs_vulkan", "Vulkan loader");
    fflush(stdout);
    return failures ? 1 : 0;
}
