/* Compiled with Wine's msvcrt headers: printf, atoi, calloc, free, strtol, errno are ucrtbase.dll's. */
#include <errno.h>
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
    printf("crtcalc: %d + %d = %d (MulDiv %d)\n", cells[0], cells[1], sum, MulDiv(sum, 3, 2));
    fflush(stdout);
    free(cells);
    return sum;
}

/* ERANGE from the C runtime's strtol, read through its errno */
int __cdecl crtcalc_errno(void)
{
    errno = 0;
    strtol("99999999999999999999", NULL, 10);
    return errno;
}
