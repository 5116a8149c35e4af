/*
 * The exports of this DLL, as Windows programs call them (src/test/windows includes this header and
 * links against the import library the build writes).
 */
#ifndef EXPORTS_H
#define EXPORTS_H

#include <windef.h>

#ifdef BUILDING_DLL
#define DLL_EXPORT
#else
#define DLL_EXPORT __declspec(dllimport)
#endif

/* Returns a + b. */
DLL_EXPORT int WINAPI add_numbers(int a, int b);

/* Writes the Linux kernel's name (uname) into buf, NUL-terminated; returns its length, or -1. */
DLL_EXPORT int WINAPI kernel_name(char *buf, int size);

#endif
