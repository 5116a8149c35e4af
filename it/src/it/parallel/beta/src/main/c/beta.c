#include <windef.h>
#include <winbase.h>

int beta_part(int n);

int WINAPI beta_value(void)
{
    return 2 * 1000 + (GetCurrentProcessId() ? 0 : 1);
}

int WINAPI beta_sum(int n)
{
    return beta_part(n);
}
