/* A Windows DLL the winelib module imports with a delay: it must not be loaded before first use. */
int __stdcall lazy_value(void) { return 777; }
