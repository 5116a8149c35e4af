/* Calls w64.dll through its import library: built for each architecture of the module. */
#include <stdio.h>
#include <windows.h>

#include "w64.h"

int main(void)
{
    char text[160] = "";
    LONG result = w64_describe("calls", text, sizeof(text), 2.5);
    LONG ping = w64_ping();

    printf("program: %u-bit\n", (unsigned)(8 * sizeof(void *)));
    printf("describe: %ld, %s\n", (long)result, text);
    printf("ping: 0x%08lx\n", (unsigned long)ping);
    return result > 0 && ping == 0 ? 0 : 1;
}
