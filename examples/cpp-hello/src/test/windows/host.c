/*
 * A Windows program (built with x86_64-w64-mingw32-gcc) that loads cpp_hello.dll, a winelib DLL
 * written in C++, and prints what its exports return.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef DWORD (WINAPI *constructor_pid_fn)(void);
typedef int (WINAPI *sum_fn)(const char *text, int *errors);
typedef char *(WINAPI *describe_fn)(const char *text);
typedef void (WINAPI *free_fn)(char *text);
typedef int (WINAPI *wide_length_fn)(void);
typedef int (WINAPI *fail_fn)(const char *text);

int main(int argc, char **argv)
{
    HMODULE dll = LoadLibraryA("cpp_hello.dll");
    constructor_pid_fn constructor_pid;
    sum_fn sum;
    describe_fn describe;
    free_fn free_text;
    wide_length_fn wide_length;
    char *text;
    int errors = -1, total;

    if (!dll)
    {
        printf("LoadLibrary(cpp_hello.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    constructor_pid = (constructor_pid_fn)GetProcAddress(dll, "cpp_hello_constructor_pid");
    sum = (sum_fn)GetProcAddress(dll, "cpp_hello_sum");
    describe = (describe_fn)GetProcAddress(dll, "cpp_hello_describe");
    free_text = (free_fn)GetProcAddress(dll, "cpp_hello_free");
    wide_length = (wide_length_fn)GetProcAddress(dll, "cpp_hello_wide_length");
    if (!constructor_pid || !sum || !describe || !free_text || !wide_length)
    {
        printf("GetProcAddress failed: error %lu\n", GetLastError());
        return 1;
    }
    if (argc > 1 && !strcmp(argv[1], "terminate"))
    {
        /* the DLL's terminate handler ends the process with exit code 3 */
        fail_fn fail = (fail_fn)GetProcAddress(dll, "cpp_hello_fail");
        printf("calling cpp_hello_fail\n");
        fflush(stdout);
        fail("on purpose");
        printf("still running after std::terminate\n");
        return 1;
    }

    printf("static constructor saw this process: %s\n",
           constructor_pid() == GetCurrentProcessId() ? "yes" : "no");
    total = sum("1,2,x,40,99999999999,-1", &errors);
    printf("sum = %d, tokens rejected by exceptions: %d\n", total, errors);
    text = describe("b,a,b,c,b");
    printf("describe: %s\n", text ? text : "(null)");
    free_text(text);
    printf("wide length: %d\n", wide_length());
    fflush(stdout);
    return 0;
}
