#include <windef.h>
#include <winbase.h>

int WINAPI delta_add(int a, int b) { return a + b; }
const char * WINAPI delta_name(void) { return "delta"; }
