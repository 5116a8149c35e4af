/*
 * A Windows test program: built with MinGW against the PE half's import library, run under Wine
 * by mvn verify (Wine finds the Unix half next to the PE half). It passes when it exits with 0.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "exports.h"

int main(void)
{
    char name[64];
    UINT length = 0;
    LONGLONG sum = 0;
    LONG status;
    int failures = 0;

    status = add_numbers(2, 40, &sum);
    printf("add_numbers(2, 40): status 0x%08lx, sum %lld\n", (unsigned long)status, sum);
    if (status != 0 || sum != 42) failures++;

    status = kernel_name(name, sizeof(name), &length);
    printf("kernel_name: status 0x%08lx, %u bytes: %s\n", (unsigned long)status, length, status ? "" : name);
    if (status != 0 || strcmp(name, "Linux") != 0) failures++;

    fflush(stdout);
    return failures ? 1 : 0;
}
