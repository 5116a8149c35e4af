#include <windef.h>
#include <winbase.h>

int WINAPI beta_add(int a, int b) { return a + b; }
const char * WINAPI beta_name(void) { return "beta"; }
