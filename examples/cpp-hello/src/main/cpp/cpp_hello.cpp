/*
 * cpp_hello.dll: a winelib DLL written in C++. Windows programs call its exports; inside, it is
 * Linux code using the C++ standard library (libstdc++), and it calls Win32 through its imports.
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <windef.h>
#include <winbase.h>

namespace {

/*
 * A static object: its constructor runs at DLL_PROCESS_ATTACH, before DllMain, when Win32 works
 * (winebuild-j hides the constructors from ld.so and the module's entry point runs them).
 */
struct ProcessInfo
{
    DWORD pid;
    std::string name;

    ProcessInfo() : pid(GetCurrentProcessId()), name("cpp_hello")
    {
    }
};

ProcessInfo process_info;

/*
 * An exception that leaves a noexcept function calls std::terminate, whose default handler
 * aborts: abort() raises SIGABRT, Wine turns it into an exception and dispatches it over the C++
 * frames, calling their DWARF personality routine as if it were a Windows exception handler; that
 * fails, again and again, until Wine reports a stack overflow (c00000fd) instead. This handler,
 * installed by a static initializer (at DLL_PROCESS_ATTACH, when Win32 works), reports the
 * exception and ends the process through Win32 instead.
 */
[[noreturn]] void end_process(void)
{
    const char *what = "unknown exception";
    try
    {
        if (std::exception_ptr current = std::current_exception()) std::rethrow_exception(current);
        what = "std::terminate called without an exception";
    }
    catch (const std::exception &e)
    {
        what = e.what();
    }
    catch (...)
    {
    }
    std::fprintf(stderr, "cpp_hello: terminating: %s\n", what);
    std::fflush(stderr);
    TerminateProcess(GetCurrentProcess(), 3);
    std::_Exit(3); /* not reached */
}

const std::terminate_handler previous_terminate_handler = std::set_terminate(end_process);

/* An exception of our own, thrown a few frames down and caught in the export. */
struct BadToken : std::runtime_error
{
    explicit BadToken(const std::string &token) : std::runtime_error("not a number: '" + token + "'")
    {
    }
};

int parse_token(const std::string &token)
{
    std::size_t used = 0;
    int value;
    try
    {
        value = std::stoi(token, &used); /* throws std::invalid_argument or std::out_of_range */
    }
    catch (const std::out_of_range &)
    {
        throw BadToken(token + " (out of range)");
    }
    catch (const std::invalid_argument &)
    {
        throw BadToken(token);
    }
    if (used != token.size()) throw BadToken(token);
    return value;
}

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) parts.push_back(part);
    return parts;
}

} // namespace

extern "C" {

/* The Windows process id the static object's constructor got from kernel32. */
DWORD WINAPI cpp_hello_constructor_pid(void) noexcept
{
    return process_info.pid;
}

/*
 * Sums the comma-separated integers of text. Tokens that are not integers are skipped: each one
 * throws an exception that is caught here; *errors receives how many there were.
 */
int WINAPI cpp_hello_sum(const char *text, int *errors) noexcept
{
    int sum = 0;
    *errors = 0;
    for (const std::string &token : split(text ? text : "", ','))
    {
        try
        {
            sum += parse_token(token);
        }
        catch (const BadToken &)
        {
            ++*errors;
        }
    }
    return sum;
}

/*
 * Describes the tokens of text, counting each distinct one, as a NUL-terminated string allocated
 * with new[]; the caller gives it back to cpp_hello_free.
 */
char *WINAPI cpp_hello_describe(const char *text) noexcept
{
    try
    {
        std::map<std::string, int> counts;
        for (const std::string &token : split(text ? text : "", ',')) ++counts[token];
        std::ostringstream out;
        out << process_info.name << " saw";
        for (const auto &entry : counts) out << ' ' << entry.first << 'x' << entry.second;
        std::string result = out.str();
        char *copy = new char[result.size() + 1];
        std::memcpy(copy, result.c_str(), result.size() + 1);
        return copy;
    }
    catch (const std::bad_alloc &)
    {
        return nullptr;
    }
}

void WINAPI cpp_hello_free(char *text) noexcept
{
    delete[] text;
}

/* Throws out of a noexcept function: std::terminate (the host calls it to show what happens). */
int WINAPI cpp_hello_fail(const char *text) noexcept
{
    throw std::logic_error(std::string("cpp_hello_fail was called with '") + (text ? text : "(null)") + "'");
}

/* WCHAR is char16_t in C++: Win32 wide strings are u"" literals. */
int WINAPI cpp_hello_wide_length(void) noexcept
{
    return lstrlenW(u"winelib in C++");
}

} // extern "C"
