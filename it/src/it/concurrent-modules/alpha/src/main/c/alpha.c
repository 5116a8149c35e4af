#include <windef.h>
#include <winbase.h>

int WINAPI alpha_add(int a, int b) { return a + b; }
const char * WINAPI alpha_name(void) { return "alpha"; }
