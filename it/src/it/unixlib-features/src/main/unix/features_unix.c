#include "features_shared.h"
#include "features_unixcalls.h"

NTSTATUS do_ping(void)
{
    return STATUS_SUCCESS;
}

NTSTATUS unix_fail(struct fail_params *params)
{
    return params->status;
}

static uint64_t units(const uint16_t *text)
{
    uint64_t n = 0;
    while (text[n]) n++;
    return n;
}

NTSTATUS unix_count_units(struct count_units_params *params)
{
    params->units = units(params->text);
    params->magic = FEATURES_MAGIC;
    return STATUS_SUCCESS;
}

NTSTATUS wow64_count_units(struct count_units_params32 *params)
{
    params->units = units((const uint16_t *)(uintptr_t)params->text);
    params->magic = FEATURES_MAGIC;
    return STATUS_SUCCESS;
}
