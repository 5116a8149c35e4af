/*
 * A Windows test program: built with MinGW against the DLL's import library, run under Wine by
 * mvn verify. It passes when it exits with 0.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "exports.h"

int main(void)
{
    char name[64];
    int failures = 0;
    int sum = add_numbers(2, 40);
    int length = kernel_name(name, sizeof(name));

    printf("add_numbers(2, 40) = %d\n", sum);
    if (sum != 42) failures++;

    printf("kernel_name returned %d: %s\n", length, length > 0 ? name : "(nothing)");
    if (length <= 0 || strcmp(name, "Linux") != 0) failures++;

    fflush(stdout);
    return failures ? 1 : 0;
}
