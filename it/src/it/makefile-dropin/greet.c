/* greet.dll: Linux code behind Windows exports. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <windows.h>
#include <shlwapi.h>

int greet_counter = 7;

static DWORD pid_at_construction;

/* A C constructor: it runs at DLL_PROCESS_ATTACH, when Win32 calls already work. */
__attribute__((constructor)) static void greet_init(void)
{
    pid_at_construction = GetCurrentProcessId();
    greet_counter += 1;
}

int WINAPI greet_add(int a, int b)
{
    return a + b;
}

/* A message made with a Linux call (getpid) and a Win32 call (lstrlenA). */
int WINAPI greet_message(char *buffer, int size)
{
    return snprintf(buffer, size, "getpid %s, lstrlenA(\"greet\") = %d", getpid() > 0 ? "works" : "fails",
                    lstrlenA("greet"));
}

DWORD CDECL greet_constructor_pid(void)
{
    return pid_at_construction == GetCurrentProcessId() ? 1 : 0;
}

/* shlwapi is delay-loaded: loaded on the first call. */
const char * WINAPI greet_basename(const char *path)
{
    return PathFindFileNameA(path);
}
