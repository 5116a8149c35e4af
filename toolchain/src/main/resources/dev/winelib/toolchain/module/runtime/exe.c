/*
 * winebuild-j runtime: the entry point of a winelib executable.
 *
 * Wine calls it as the process's entry point. It runs the module's constructors (constructors.c),
 * splits the process's command line into arguments and calls the program's main (or wmain when
 * compiled with WINELIB_UNICODE), then ends the process with main's result. Compiled with
 * WINELIB_EXE_ENTRY=FUNCTION, it calls that function with the entry point's argument instead and
 * returns its result.
 *
 * The command line is split as the Microsoft C runtime documents it: spaces and tabs separate
 * arguments outside double quotes; 2n backslashes before a double quote give n backslashes and the
 * quote starts or ends a quoted part; 2n+1 backslashes before a double quote give n backslashes and
 * a literal quote; other backslashes are kept; inside a quoted part two double quotes give one.
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#include <stdlib.h>

#ifdef __i386__
/* WINAPI on i386: the callee pops its arguments; Windows callers keep the stack only 4-byte aligned */
#define WINELIB_API __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
#else
#define WINELIB_API __attribute__((ms_abi))
#endif

typedef unsigned int DWORD;

extern void winelib_run_constructors(void) __attribute__((visibility("hidden")));

#ifdef WINELIB_EXE_ENTRY

extern DWORD WINELIB_API WINELIB_EXE_ENTRY(void *peb);

__attribute__((visibility("hidden")))
DWORD WINELIB_API __wine_spec_exe_entry(void *peb)
{
    winelib_run_constructors();
    return WINELIB_EXE_ENTRY(peb);
}

#else

#ifdef WINELIB_UNICODE
typedef unsigned short winelib_char;
extern winelib_char *WINELIB_API GetCommandLineW(void);
extern int wmain(int argc, winelib_char **argv);
#define WINELIB_COMMAND_LINE GetCommandLineW
#define WINELIB_MAIN wmain
#define WINELIB_ENTRY_NAME __wine_spec_exe_wentry
#else
typedef char winelib_char;
extern char *WINELIB_API GetCommandLineA(void);
extern int main(int argc, char **argv);
#define WINELIB_COMMAND_LINE GetCommandLineA
#define WINELIB_MAIN main
#define WINELIB_ENTRY_NAME __wine_spec_exe_entry
#endif

extern void WINELIB_API ExitProcess(unsigned int code) __attribute__((noreturn));

/*
 * Splits `line` into arguments. Counts only when `argv` is null; otherwise stores the arguments,
 * each terminated, into `out` and their starts into `argv`, followed by a null pointer.
 */
static int winelib_split(const winelib_char *line, winelib_char **argv, winelib_char *out)
{
    const winelib_char *p = line;
    int argc = 0;

    for (;;)
    {
        int quoted = 0;

        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        if (argv) argv[argc] = out;
        argc++;
        while (*p && (quoted || (*p != ' ' && *p != '\t')))
        {
            if (*p == '\\')
            {
                const winelib_char *q = p;
                unsigned long count = 0, i;

                while (*q == '\\')
                {
                    q++;
                    count++;
                }
                if (*q == '"')
                {
                    for (i = 0; i < count / 2; i++) if (argv) *out++ = '\\';
                    if (count % 2)
                    {
                        if (argv) *out++ = '"';
                        q++;
                    }
                }
                else
                {
                    for (i = 0; i < count; i++) if (argv) *out++ = '\\';
                }
                p = q;
            }
            else if (*p == '"')
            {
                if (quoted && p[1] == '"')
                {
                    if (argv) *out++ = '"';
                    p += 2;
                }
                else
                {
                    quoted = !quoted;
                    p++;
                }
            }
            else
            {
                if (argv) *out++ = *p;
                p++;
            }
        }
        if (argv) *out++ = 0;
    }
    if (argv) argv[argc] = 0;
    return argc;
}

__attribute__((visibility("hidden")))
DWORD WINELIB_API WINELIB_ENTRY_NAME(void *peb)
{
    static winelib_char empty[1];
    const winelib_char *line = WINELIB_COMMAND_LINE();
    unsigned long length = 0;
    winelib_char **argv;
    winelib_char *chars;
    int argc;

    (void)peb;
    winelib_run_constructors();
    if (!line) line = empty;
    while (line[length]) length++;
    argc = winelib_split(line, 0, 0);
    argv = malloc((argc + 2) * sizeof(*argv));
    chars = malloc((length + argc + 1) * sizeof(*chars));
    if (!argv || !chars) ExitProcess(255);
    winelib_split(line, argv, chars);
    if (!argc)
    {
        argv[0] = empty;
        argv[1] = 0;
        argc = 1;
    }
    ExitProcess(WINELIB_MAIN(argc, argv));
}

#endif
