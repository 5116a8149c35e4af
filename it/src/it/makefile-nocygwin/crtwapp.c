/* A -mno-cygwin -municode executable: wmainCRTStartup calls wmain with the wide arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int __cdecl wmain(int argc, WCHAR **argv)
{
    int i, total = 0;

    for (i = 1; i < argc; i++)
    {
        total += _wtoi(argv[i]);
        wprintf(L"crtwapp argv[%d] [%ls]\n", i, argv[i]);
    }
    wprintf(L"crtwapp total %d\n", total);
    fflush(stdout);
    return total;
}
