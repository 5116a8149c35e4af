/* A Windows program (built with MinGW) linked against greet.dll's import library. */
#include <windows.h>
#include <stdio.h>

__declspec(dllimport) int WINAPI greet_add(int a, int b);
__declspec(dllimport) int WINAPI greet_message(char *buffer, int size);
__declspec(dllimport) DWORD __cdecl greet_constructor_pid(void);
__declspec(dllimport) const char * WINAPI greet_basename(const char *path);
__declspec(dllimport) extern int greet_counter;

int main(void)
{
    char text[128], path[MAX_PATH];
    DWORD unused, size;
    VS_FIXEDFILEINFO *info;
    UINT length;
    void *data;

    greet_message(text, sizeof(text));
    printf("add %d\n", greet_add(40, 2));
    printf("message %s\n", text);
    printf("constructor ran in this process %lu\n", greet_constructor_pid());
    printf("counter %d\n", greet_counter);
    printf("basename %s\n", greet_basename("C:\\some\\dir\\file.txt"));

    GetModuleFileNameA(GetModuleHandleA("greet.dll"), path, sizeof(path));
    size = GetFileVersionInfoSizeA(path, &unused);
    data = malloc(size ? size : 1);
    if (size && GetFileVersionInfoA(path, 0, size, data) && VerQueryValueA(data, "\\", (void **)&info, &length))
        printf("version %u.%u.%u.%u\n", HIWORD(info->dwFileVersionMS), LOWORD(info->dwFileVersionMS),
               HIWORD(info->dwFileVersionLS), LOWORD(info->dwFileVersionLS));
    else
        printf("version unreadable (error %lu)\n", GetLastError());
    LoadStringA(GetModuleHandleA("greet.dll"), 1, text, sizeof(text));
    printf("string %s\n", text);
    return 0;
}
