/*
 * A Windows program (built with x86_64-w64-mingw32-gcc) that loads unixhello.dll and calls its
 * exports, which call Linux code in unixhello.so. Run it under Wine with WINEDLLPATH naming the
 * directory that holds unixhello.dll and unixhello.so (see the README).
 * Exit status: 0 when every call gave what was expected, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* as in src/main/include/unixhello.h */
struct unixhello_transform_data
{
    int a;
    int b;
    double scale;
    char label[32];
    long long sum;
    double scaled;
    unsigned int unix_pid;
};

typedef LONG (WINAPI *init_fn)(void);
typedef LONG (WINAPI *proc_version_fn)(char *, UINT32, UINT32 *);
typedef LONG (WINAPI *transform_fn)(struct unixhello_transform_data *);
typedef LONG (WINAPI *call_fn)(UINT32, void *);

#define STATUS_INVALID_SYSTEM_SERVICE_CODE 0xC000001CUL

int main(void)
{
    static char version[4096];
    struct unixhello_transform_data data;
    HMODULE dll = LoadLibraryA("unixhello.dll");
    init_fn init;
    proc_version_fn proc_version;
    transform_fn transform;
    call_fn call;
    UINT32 length = 0;
    LONG status;
    int ok = 1;

    if (!dll)
    {
        printf("LoadLibrary(unixhello.dll) failed: error %lu\n", GetLastError());
        return 1;
    }
    init = (init_fn)GetProcAddress(dll, "unixhello_init");
    proc_version = (proc_version_fn)GetProcAddress(dll, "unixhello_proc_version");
    transform = (transform_fn)GetProcAddress(dll, "unixhello_transform");
    call = (call_fn)GetProcAddress(dll, "unixhello_call");
    if (!init || !proc_version || !transform || !call)
    {
        printf("GetProcAddress failed: error %lu\n", GetLastError());
        return 1;
    }

    status = init();
    printf("init: status 0x%08lx\n", (unsigned long)status);
    if (status) ok = 0;

    status = proc_version(version, sizeof(version), &length);
    printf("proc_version: status 0x%08lx, %u bytes\n", (unsigned long)status, length);
    if (status == 0) printf("%s", version);
    else ok = 0;

    memset(&data, 0, sizeof(data));
    data.a = 40;
    data.b = 2;
    data.scale = 2.5;
    strcpy(data.label, "hello from windows");
    status = transform(&data);
    printf("transform: status 0x%08lx, sum %lld, scaled %.2f, label \"%s\", unix pid %s\n", (unsigned long)status,
           data.sum, data.scaled, data.label, data.unix_pid ? "set" : "not set");
    if (status != 0 || data.sum != 42 || data.scaled != 105.0 || strcmp(data.label, "HELLO FROM WINDOWS")
        || !data.unix_pid)
        ok = 0;

    /* codes without a call: an error status, not a crash */
    status = call(2, &data);
    printf("call code 2: status 0x%08lx\n", (unsigned long)status);
    if ((unsigned long)status != STATUS_INVALID_SYSTEM_SERVICE_CODE) ok = 0;
    status = call(0xffffffffu, NULL);
    printf("call code 0xffffffff: status 0x%08lx\n", (unsigned long)status);
    if ((unsigned long)status != STATUS_INVALID_SYSTEM_SERVICE_CODE) ok = 0;

    fflush(stdout);
    return ok ? 0 : 1;
}
