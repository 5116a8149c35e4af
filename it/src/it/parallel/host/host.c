/* Loads the four DLLs of the parallel build and calls each. */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    static const char *names[] = {"alpha", "beta", "gamma", "delta"};
    int failures = 0;
    for (int i = 0; i < 4; i++) {
        char dll[32], value[32], sum[32];
        snprintf(dll, sizeof dll, "%s.dll", names[i]);
        snprintf(value, sizeof value, "%s_value", names[i]);
        snprintf(sum, sizeof sum, "%s_sum", names[i]);
        HMODULE m = LoadLibraryA(dll);
        if (!m) {
            printf("%s: LoadLibrary failed (%lu)\n", dll, GetLastError());
            failures++;
            continue;
        }
        int (WINAPI *v)(void) = (void *)GetProcAddress(m, value);
        int (WINAPI *s)(int) = (void *)GetProcAddress(m, sum);
        if (!v || !s) {
            printf("%s: exports missing\n", dll);
            failures++;
            continue;
        }
        printf("%s %d %d\n", names[i], v(), s(7));
    }
    return failures;
}
