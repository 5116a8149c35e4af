/* The tally32 module: arithmetic in both i386 calling conventions, and calls into the C library. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <windef.h>

int WINAPI tally_add(int a, int b)
{
    return a + b;
}

/* a double between two ints: 16 bytes of arguments that the function itself removes */
int WINAPI tally_mix(int a, double scale, int b)
{
    return (int)(a * scale) + b;
}

int CDECL tally_sum(int a, int b, int c)
{
    return a + b + c;
}

/* formats with the C library's vsnprintf; returns the length */
int WINAPIV tally_printf(const char *format, ...)
{
    char buffer[256];
    va_list args;
    int n;

    va_start(args, format);
    n = vsnprintf(buffer, sizeof(buffer), format, args);
    va_end(args);
    fputs(buffer, stdout);
    fflush(stdout);
    return n;
}

/* the machine as the C library reports it (uname), and the pointer size, into the caller's buffer */
int CDECL tally_describe(char *out, int size)
{
    struct utsname name;
    char *copy;

    if (uname(&name) != 0) return -1;
    copy = strdup(name.sysname);
    snprintf(out, size, "%s, %d-bit pointers", copy, (int)(sizeof(void *) * 8));
    free(copy);
    return (int)strlen(out);
}
