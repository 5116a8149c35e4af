/* What Windows programs call in w64.dll (32-bit and 64-bit). */
#ifndef W64_H
#define W64_H
#include <windows.h>

LONG WINAPI w64_describe(const char *name, char *buffer, UINT32 capacity, double factor);
LONG WINAPI w64_ping(void);

#endif
