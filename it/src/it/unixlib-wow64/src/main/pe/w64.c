#include <windows.h>

#include "w64.h"
#include "w64_unixcalls.h"

LONG WINAPI w64_describe(const char *name, char *buffer, UINT32 capacity, double factor)
{
    struct describe_params params = { name, buffer, capacity, (INT64)1 << 40, factor, 0, 0 };
    NTSTATUS status = describe(&params);
    if (status) return status;
    return params.unix_bits * 2 + params.wow64;
}

LONG WINAPI w64_ping(void)
{
    return ping();
}
