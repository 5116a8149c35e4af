/*
 * The exports of the PE half, as Windows programs call them (src/test/windows includes this header
 * and links against the import library the build writes). Each returns an NTSTATUS: 0 on success.
 */
#ifndef EXPORTS_H
#define EXPORTS_H

#include <windef.h>

#ifdef BUILDING_DLL
#define DLL_EXPORT
#else
#define DLL_EXPORT __declspec(dllimport)
#endif

/* Adds a and b on the Linux side: *sum = a + b. */
DLL_EXPORT LONG WINAPI add_numbers(INT a, INT b, LONGLONG *sum);

/* Writes the Linux kernel's name (uname) into buffer, NUL-terminated, and its length into *length. */
DLL_EXPORT LONG WINAPI kernel_name(char *buffer, UINT capacity, UINT *length);

#endif
