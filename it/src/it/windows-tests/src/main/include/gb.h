/* The exports of gb.dll, as Windows programs declare them. */
#include <windows.h>

__declspec(dllimport) int WINAPI gb_add(int a, int b);
__declspec(dllimport) int WINAPI gb_mul(int a, int b);
