/*
 * Plain Linux code, compiled without Wine's Windows macros: the place for calls into Linux
 * libraries. Here it asks the kernel for its name.
 */
#include <stdio.h>
#include <sys/utsname.h>

#include "linux_side.h"

int linux_kernel_name(char *buf, size_t size)
{
    struct utsname names;
    int n;

    if (uname(&names) != 0) return -1;
    n = snprintf(buf, size, "%s", names.sysname);
    return n < 0 || (size_t)n >= size ? -1 : n;
}
