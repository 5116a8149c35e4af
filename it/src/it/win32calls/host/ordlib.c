/* A Windows DLL whose only export has no name: it can only be imported by ordinal (5). */
int __stdcall ordlib_magic(void) { return 4242; }
