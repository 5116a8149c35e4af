#include <windef.h>
#include <winbase.h>

int delta_part(int n);

int WINAPI delta_value(void)
{
    return 4 * 1000 + (GetCurrentProcessId() ? 0 : 1);
}

int WINAPI delta_sum(int n)
{
    return delta_part(n);
}
