#include <windows.h>

#include "features_shared.h"
#include "features_unixcalls.h"

NTSTATUS WINAPI features_ping(void)
{
    return ping();
}

NTSTATUS WINAPI features_fail(NTSTATUS status)
{
    struct fail_params params = { status };
    return fail(&params);
}

NTSTATUS WINAPI features_count_units(const WCHAR *text, UINT64 *units)
{
    struct count_units_params params = { text, 0, 0 };
    NTSTATUS status = count_units(&params);
    if (!status && params.magic != FEATURES_MAGIC) status = 0xC0000001;
    *units = params.units;
    return status;
}

int WINAPI features_secret(void)
{
    return 7;
}
