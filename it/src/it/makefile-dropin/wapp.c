/* A winelib executable with wmain (-municode). */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, WCHAR **argv)
{
    char text[64];

    WideCharToMultiByte(CP_UTF8, 0, argv[argc - 1], -1, text, sizeof(text), NULL, NULL);
    printf("wmain argc %d last [%s]\n", argc, text);
    return 9;
}
