/* gb.dll: two exports Windows programs call through the import library libgb.a. */
#include <windef.h>

int WINAPI gb_add(int a, int b)
{
    return a + b;
}

int WINAPI gb_mul(int a, int b)
{
    return a * b;
}
