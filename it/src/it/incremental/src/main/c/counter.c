/* Depends on src/main/include/incremental.h. */
#include <windef.h>

#include "incremental.h"

int WINAPI counter_value(void)
{
    return INCREMENTAL_VALUE;
}
