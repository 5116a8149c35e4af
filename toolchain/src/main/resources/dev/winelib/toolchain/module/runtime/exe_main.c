/*
 * winebuild-j runtime: the main of a winelib executable whose program defines only WinMain (or,
 * compiled with WINELIB_UNICODE, the wmain of one that defines only wWinMain). It passes WinMain
 * the module handle, the command line after the program name, and how the window is to be shown
 * (the process's startup information, SW_SHOWNORMAL unless it says otherwise). Only linked into
 * executables whose objects define no main (wmain).
 *
 * Self-contained: no Windows or Wine header is needed.
 */
#ifdef __i386__
/* WINAPI on i386: the callee pops its arguments; Windows callers keep the stack only 4-byte aligned */
#define WINELIB_API __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
#else
#define WINELIB_API __attribute__((ms_abi))
#endif

/* STARTUPINFO as the Win64 API lays it out; only dwFlags and wShowWindow are read. */
typedef struct
{
    unsigned int cb;
    void *reserved;
    void *desktop;
    void *title;
    unsigned int x, y, x_size, y_size, x_count_chars, y_count_chars, fill_attribute, flags;
    unsigned short show_window;
    unsigned short reserved2_size;
    void *reserved2;
    void *std_input, *std_output, *std_error;
} winelib_startup_info;

#define WINELIB_STARTF_USESHOWWINDOW 0x1
#define WINELIB_SW_SHOWNORMAL 1

#ifdef WINELIB_UNICODE
typedef unsigned short winelib_char;
extern winelib_char *WINELIB_API GetCommandLineW(void);
extern void WINELIB_API GetStartupInfoW(winelib_startup_info *info);
extern void *WINELIB_API GetModuleHandleW(const winelib_char *name);
extern int WINELIB_API wWinMain(void *instance, void *previous, winelib_char *command_line, int show);
#define WINELIB_COMMAND_LINE GetCommandLineW
#define WINELIB_STARTUP_INFO GetStartupInfoW
#define WINELIB_MODULE_HANDLE GetModuleHandleW
#define WINELIB_WINMAIN wWinMain
#define WINELIB_MAIN wmain
#else
typedef char winelib_char;
extern char *WINELIB_API GetCommandLineA(void);
extern void WINELIB_API GetStartupInfoA(winelib_startup_info *info);
extern void *WINELIB_API GetModuleHandleA(const char *name);
extern int WINELIB_API WinMain(void *instance, void *previous, char *command_line, int show);
#define WINELIB_COMMAND_LINE GetCommandLineA
#define WINELIB_STARTUP_INFO GetStartupInfoA
#define WINELIB_MODULE_HANDLE GetModuleHandleA
#define WINELIB_WINMAIN WinMain
#define WINELIB_MAIN main
#endif

/* The command line after the program name and the white space that follows it. */
static winelib_char *winelib_arguments(winelib_char *p)
{
    int quoted = 0;
    unsigned long backslashes = 0;

    for (; *p; p++)
    {
        if ((*p == ' ' || *p == '\t') && !quoted) break;
        if (*p == '\\')
        {
            backslashes++;
            continue;
        }
        if (*p == '"' && backslashes % 2 == 0) quoted = !quoted;
        backslashes = 0;
    }
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

__attribute__((visibility("hidden")))
int WINELIB_MAIN(int argc, winelib_char **argv)
{
    static winelib_char empty[1];
    winelib_startup_info info = {0};
    winelib_char *line = WINELIB_COMMAND_LINE();
    int show = WINELIB_SW_SHOWNORMAL;

    (void)argc;
    (void)argv;
    info.cb = sizeof(info);
    WINELIB_STARTUP_INFO(&info);
    if (info.flags & WINELIB_STARTF_USESHOWWINDOW) show = info.show_window;
    return WINELIB_WINMAIN(WINELIB_MODULE_HANDLE(0), 0, line ? winelib_arguments(line) : empty, show);
}
