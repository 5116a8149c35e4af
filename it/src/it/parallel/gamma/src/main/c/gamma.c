#include <windef.h>
#include <winbase.h>

int gamma_part(int n);

int WINAPI gamma_value(void)
{
    return 3 * 1000 + (GetCurrentProcessId() ? 0 : 1);
}

int WINAPI gamma_sum(int n)
{
    return gamma_part(n);
}
