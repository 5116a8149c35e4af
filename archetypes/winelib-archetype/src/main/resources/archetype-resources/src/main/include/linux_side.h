/*
 * The plain-Linux part of this DLL (src/main/unix), as the Windows-facing part (src/main/c) sees it:
 * ordinary C prototypes, no WINAPI. src/main/unix is compiled as plain Linux code, without _WIN32 or
 * ms_abi, so any Linux library header works there.
 */
#ifndef LINUX_SIDE_H
#define LINUX_SIDE_H

#include <stddef.h>

/* Writes uname()'s sysname into buf, NUL-terminated; returns its length, or -1. */
int linux_kernel_name(char *buf, size_t size);

#endif
