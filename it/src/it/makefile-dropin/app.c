/* A winelib executable (main) that links against greet.dll through its Unix import library. */
#include <stdio.h>
#include <windows.h>

int WINAPI greet_add(int a, int b);

int main(int argc, char **argv)
{
    int i;

    printf("app argc %d\n", argc);
    for (i = 1; i < argc; i++) printf("app argv[%d] [%s]\n", i, argv[i]);
    printf("app add %d\n", greet_add(20, 3));
    return 7;
}
