/* Includes no project header: changing incremental.h must not recompile it. */
#include <windef.h>

int WINAPI other_value(void)
{
    return 7;
}
