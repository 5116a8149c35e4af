#include <windef.h>
#include <winbase.h>

int alpha_part(int n);

int WINAPI alpha_value(void)
{
    return 1 * 1000 + (GetCurrentProcessId() ? 0 : 1);
}

int WINAPI alpha_sum(int n)
{
    return alpha_part(n);
}
