#include <windef.h>
#include <winbase.h>

int WINAPI relay_add(int a, int b) { return a + b; }

int __cdecl relay_strlen(const char *s)
{
    int n = 0;
    while (s[n]) n++;
    return n;
}

int WINAPI relay_wcslen(const WCHAR *s)
{
    int n = 0;
    while (s[n]) n++;
    return n;
}

int WINAPI relay_scale(double factor, int value) { return (int)(factor * value); }

/* A varargs export; the relay tracer does not trace those (winebuild marks them -norelay). */
int __cdecl relay_count(int n, ...) { return n; }

int WINAPI relay_quiet(int x) { return -x; }
