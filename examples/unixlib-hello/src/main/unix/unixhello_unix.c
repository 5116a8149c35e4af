/*
 * unixhello.so, the Unix half: ordinary Linux code (built against the sysroot), reached from
 * unixhello.dll through the call table the build generates (__wine_unix_call_funcs).
 */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

#include "unixhello_unixcalls.h"

NTSTATUS unix_proc_version(struct proc_version_params *params)
{
    FILE *file;
    size_t length;
    int more;

    if (!params->buffer || params->capacity == 0) return STATUS_INVALID_PARAMETER;
    file = fopen("/proc/version", "r");
    if (!file) return STATUS_OBJECT_NAME_NOT_FOUND;
    length = fread(params->buffer, 1, params->capacity - 1, file);
    more = fgetc(file) != EOF;
    fclose(file);
    params->buffer[length] = 0;
    params->length = (uint32_t)length;
    return more ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS unix_transform(struct transform_params *params)
{
    size_t i;

    params->sum = (int64_t)params->a + params->b;
    params->scaled = (double)params->sum * params->scale;
    for (i = 0; i < sizeof(params->label) && params->label[i]; i++)
        params->label[i] = (char)toupper((unsigned char)params->label[i]);
    params->unix_pid = (uint32_t)getpid();
    return STATUS_SUCCESS;
}
