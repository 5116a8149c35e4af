#include <stdio.h>
#include "w64_unixcalls.h"

static void describe_into(const char *name, char *buffer, uint32_t capacity, int64_t big, double factor,
                          const char *function)
{
    snprintf(buffer, capacity, "%s: big %lld, factor %.2f, by %s in a %u-bit Unix library", name, (long long)big,
             factor, function, (unsigned)(8 * sizeof(void *)));
}

/* 64-bit programs, and 32-bit ones in Wine's old-style 32-bit process (i386-unix/w64.so) */
NTSTATUS unix_describe(struct describe_params *params)
{
    describe_into(params->name, params->buffer, params->capacity, params->big, params->factor, "unix_describe");
    params->unix_bits = 8 * sizeof(void *);
    params->wow64 = 0;
    return STATUS_SUCCESS;
}

/* 32-bit programs under new-style WoW64 (the 64-bit x86_64-unix/w64.so): 32-bit addresses */
NTSTATUS wow64_describe(struct describe_params32 *params)
{
    describe_into((const char *)(uintptr_t)params->name, (char *)(uintptr_t)params->buffer, params->capacity,
                  params->big, params->factor, "wow64_describe");
    params->unix_bits = 8 * sizeof(void *);
    params->wow64 = 1;
    return STATUS_SUCCESS;
}

NTSTATUS unix_ping(void)
{
    return STATUS_SUCCESS;
}
