/* Built with winegcc -mno-cygwin: Wine's msvcrt headers, printf/atoi/calloc/free from ucrtbase.dll. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int __cdecl crtcalc_sum(const char *a, const char *b)
{
    int *cells = calloc(2, sizeof(int));
    int sum;

    if (!cells) return -1;
    cells[0] = atoi(a);
    cells[1] = atoi(b);
    sum = cells[0] + cells[1];
    printf("crtcalc: %d + %d = %d\n", cells[0], cells[1], sum);
    fflush(stdout);
    free(cells);
    return sum;
}

int WINAPI crtcalc_scaled(int value)
{
    return MulDiv(value, 3, 2);
}
