#include <windef.h>
#include <winbase.h>

int WINAPI gamma_add(int a, int b) { return a + b; }
const char * WINAPI gamma_name(void) { return "gamma"; }
