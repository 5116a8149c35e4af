/*
 * The Unix half: plain Linux code (built against the sysroot), reached from the PE half through
 * the call table the build generates. Each call gets its parameters as one structure.
 */
#include <stdio.h>
#include <sys/utsname.h>

#include "calls_unixcalls.h"

NTSTATUS unix_add_on_linux(struct add_on_linux_params *params)
{
    params->sum = (int64_t)params->a + params->b;
    return STATUS_SUCCESS;
}

NTSTATUS unix_uname_sysname(struct uname_sysname_params *params)
{
    struct utsname names;
    int n;

    if (!params->buffer || params->capacity == 0) return STATUS_INVALID_PARAMETER;
    if (uname(&names) != 0) return STATUS_UNSUCCESSFUL;
    n = snprintf(params->buffer, params->capacity, "%s", names.sysname);
    if (n < 0) return STATUS_UNSUCCESSFUL;
    params->length = (uint32_t)n;
    return (uint32_t)n >= params->capacity ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
