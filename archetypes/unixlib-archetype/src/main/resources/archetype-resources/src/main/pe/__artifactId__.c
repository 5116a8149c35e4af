/*
 * The PE half: ordinary Windows code (built with MinGW) whose exports call the Unix half through
 * the functions calls_unixcalls.h defines, one per call declared in src/main/spec/calls.unixcalls.
 */
#define BUILDING_DLL
#include <windows.h>

#include "exports.h"
#include "calls_unixcalls.h"

LONG WINAPI add_numbers(INT a, INT b, LONGLONG *sum)
{
    struct add_on_linux_params params;
    NTSTATUS status;

    if (!sum) return STATUS_INVALID_PARAMETER;
    params.a = a;
    params.b = b;
    params.sum = 0;
    status = add_on_linux(&params);
    *sum = params.sum;
    return status;
}

LONG WINAPI kernel_name(char *buffer, UINT capacity, UINT *length)
{
    struct uname_sysname_params params;
    NTSTATUS status;

    params.buffer = buffer;
    params.capacity = capacity;
    params.length = 0;
    status = uname_sysname(&params);
    if (length) *length = params.length;
    return status;
}
