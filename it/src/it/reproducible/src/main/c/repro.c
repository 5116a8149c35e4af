#include <windef.h>
#include <winbase.h>
#include <assert.h>
#include "repro.h"

const char * WINAPI repro_where(void)
{
    return REPRO_BUILT_IN;
}

int WINAPI repro_add(int a, int b)
{
    assert(a >= 0);
    return a + b + (int)GetCurrentProcessId() * 0;
}
