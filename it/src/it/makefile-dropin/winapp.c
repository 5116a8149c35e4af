/* A winelib GUI executable with WinMain only: winebuild provides the main that calls it. */
#include <stdio.h>
#include <windows.h>

int WINAPI WinMain(HINSTANCE instance, HINSTANCE previous, LPSTR command_line, int show)
{
    printf("winmain [%s] module %d show %d\n", command_line, instance == GetModuleHandleA(NULL), show > 0);
    fflush(stdout);
    return 5;
}
