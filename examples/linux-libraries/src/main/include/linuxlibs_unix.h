/*
 * The plain-Linux half of linuxlibs.dll, as the Windows-facing half sees it: ordinary C
 * prototypes, no WINAPI. Both halves include this header; src/main/unix is compiled as
 * plain Linux code (no _WIN32, no ms_abi), src/main/c with Wine's headers.
 */
#ifndef LINUXLIBS_UNIX_H
#define LINUXLIBS_UNIX_H

#include <stddef.h>

/* Each writes a NUL-terminated version text into buf and returns its length, or -1. */
int linuxlibs_pulse_version(char *buf, size_t size);
int linuxlibs_sdl_version(char *buf, size_t size);
int linuxlibs_vulkan_version(char *buf, size_t size);

#endif
