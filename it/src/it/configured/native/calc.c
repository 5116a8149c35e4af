/*
 * calc: its results depend on how it was built. CALC_SCALE comes from headers/calc_config.h (the
 * POM's includeDirectories), CALC_OFFSET and CALC_EXTRA from -Dwinelib.cflags, hypot() from libm
 * (the POM's libraries), and calc_compiler() tells which compiler -Dwinelib.compiler chose.
 */
#include <math.h>

#include <windef.h>
#include <winbase.h>

#include "calc_config.h"

#ifndef CALC_OFFSET
#define CALC_OFFSET 0
#endif
#ifndef CALC_EXTRA
#define CALC_EXTRA 0
#endif

int WINAPI calc_value(int x)
{
    return x * CALC_SCALE + CALC_OFFSET;
}

int WINAPI calc_extra(void)
{
    return CALC_EXTRA;
}

/* Calls libm at run time: without -lm the link fails (-z defs). */
int WINAPI calc_hypot(int a, int b)
{
    volatile double x = a, y = b;
    return (int)(hypot(x, y) + 0.5);
}

const char * WINAPI calc_compiler(void)
{
#if defined(__clang__)
    return "clang";
#elif defined(__GNUC__)
    return "gcc";
#else
    return "unknown";
#endif
}
