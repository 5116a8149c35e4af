/*
 * Linux-side code that calls Win32 functions: kernel32 and user32 through the module's imports,
 * a function of ordlib.dll imported by ordinal, one of lazylib.dll imported on first use, and
 * kernel32 from a constructor (which must therefore run after Wine has resolved the imports).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <windef.h>
#include <winbase.h>
#include <winuser.h>

int WINAPI ordlib_magic(void);
int WINAPI lazy_value(void);

static DWORD ctor_pid;
static DWORD ctor_tick;
static int ctor_runs;
static int attach_count;

__attribute__((constructor)) static void record_at_startup(void)
{
    ctor_pid = GetCurrentProcessId();
    ctor_tick = GetTickCount();
    ctor_runs++;
}

int WINAPI w32_major_version(void)
{
    OSVERSIONINFOW info;
    info.dwOSVersionInfoSize = sizeof(info);
    if (!GetVersionExW(&info)) return -1;
    return (int)info.dwMajorVersion;
}

/* Upper-cases a string in place with user32's CharUpperA; returns its length (Linux strlen). */
int WINAPI w32_upper(char *text)
{
    CharUpperA(text);
    return (int)strlen(text);
}

DWORD WINAPI w32_ctor_pid(void) { return ctor_runs == 1 ? ctor_pid : 0; }

int WINAPI w32_ctor_tick_ok(void) { return ctor_tick != 0 && ctor_tick <= GetTickCount(); }

int WINAPI w32_attach_count(void) { return attach_count; }

int WINAPI w32_ordinal_import(void) { return ordlib_magic(); }

int WINAPI w32_delay_import(void) { return lazy_value(); }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        /* the constructor has already run, with Win32 usable */
        if (ctor_runs != 1) return FALSE;
        attach_count++;
    }
    return TRUE;
}
