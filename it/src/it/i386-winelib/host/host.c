/* A 32-bit Windows program that loads tally32.dll and calls its exports in both conventions. */
#include <windows.h>
#include <stdio.h>

typedef int (WINAPI *add_fn)(int, int);
typedef int (WINAPI *mix_fn)(int, double, int);
typedef int (__cdecl *sum_fn)(int, int, int);
typedef int (__cdecl *printf_fn)(const char *, ...);
typedef int (__cdecl *describe_fn)(char *, int);

int main(void)
{
    HMODULE module = LoadLibraryA("tally32.dll");
    char text[128];
    add_fn add;
    mix_fn mix;
    sum_fn sum;
    printf_fn print;
    describe_fn describe;
    int i, total = 0;

    if (!module) {
        printf("LoadLibrary failed: %lu\n", GetLastError());
        return 1;
    }
    add = (add_fn)GetProcAddress(module, "tally_add");
    mix = (mix_fn)GetProcAddress(module, "tally_mix");
    sum = (sum_fn)GetProcAddress(module, "tally_sum");
    print = (printf_fn)GetProcAddress(module, "tally_printf");
    describe = (describe_fn)GetProcAddress(module, "tally_describe");
    if (!add || !mix || !sum || !print || !describe) {
        printf("missing export\n");
        return 2;
    }
    /* repeated calls: a convention mismatch would move the stack pointer each time */
    for (i = 0; i < 1000; i++) total += add(i, 1) - sum(i, 0, 1);
    printf("tally_add(2, 40) = %d\n", add(2, 40));
    printf("tally_mix(10, 2.5, 3) = %d\n", mix(10, 2.5, 3));
    printf("tally_sum(1, 2, 3) = %d\n", sum(1, 2, 3));
    printf("balance after 1000 calls = %d\n", total);
    fflush(stdout);
    printf("printed %d\n", print("tally_printf: %d %s\n", 7, "seven"));
    if (describe(text, sizeof(text)) < 0) return 3;
    printf("tally_describe: %s\n", text);
    printf("host: %d-bit\n", (int)(sizeof(void *) * 8));
    return 0;
}
