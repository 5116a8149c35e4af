/*
 * A winelib executable built with winegcc -mno-cygwin: it starts at ucrtbase's mainCRTStartup, which
 * calls main with the C runtime's calling convention (__cdecl) and ends the process with exit().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int __cdecl crtcalc_sum(const char *a, const char *b);
int WINAPI crtcalc_scaled(int value);

int __cdecl main(int argc, char **argv)
{
    char *copy = calloc(32, 1);
    int i, sum;

    printf("crtapp argc %d\n", argc);
    for (i = 1; i < argc; i++) printf("crtapp argv[%d] [%s]\n", i, argv[i]);
    sum = argc > 2 ? crtcalc_sum(argv[1], argv[2]) : 0;
    lstrcpynA(copy, "win32 call works", 32);
    printf("crtapp %s, strlen %d, scaled %d\n", copy, (int)strlen(copy), crtcalc_scaled(sum));
    fflush(stdout);
    free(copy);
    exit(sum % 256);
}
