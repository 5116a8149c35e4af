/*
 * unixhello.dll, the PE half: ordinary Windows code (built with mingw) whose exports call into
 * unixhello.so through the functions unixhello_unixcalls.h defines, one per declared call.
 */
#include <string.h>
#include <windows.h>

#include "unixhello.h"
#include "unixhello_unixcalls.h"

/* Finds the Unix library: 0, or the NTSTATUS that says why it cannot be used. */
NTSTATUS WINAPI unixhello_init(void)
{
    return winelib_unixlib_init();
}

/* Copies /proc/version, as the Linux side reads it, into buffer. */
NTSTATUS WINAPI unixhello_proc_version(char *buffer, UINT32 capacity, UINT32 *length)
{
    struct proc_version_params params;
    NTSTATUS status;

    params.buffer = buffer;
    params.capacity = capacity;
    params.length = 0;
    status = proc_version(&params);
    if (length) *length = params.length;
    return status;
}

/* Sends a, b, scale and label to the Linux side and returns what it computed. */
NTSTATUS WINAPI unixhello_transform(struct unixhello_transform_data *data)
{
    struct transform_params params;
    NTSTATUS status;

    memset(&params, 0, sizeof(params));
    params.a = data->a;
    params.b = data->b;
    params.scale = data->scale;
    memcpy(params.label, data->label, sizeof(params.label));
    status = transform(&params);
    if (status) return status;
    memcpy(data->label, params.label, sizeof(data->label));
    data->sum = params.sum;
    data->scaled = params.scaled;
    data->unix_pid = params.unix_pid;
    return 0;
}

/* A call by its code, for codes known only at run time. */
NTSTATUS WINAPI unixhello_call(UINT32 code, void *args)
{
    return unixhello_unix_call(code, args);
}
