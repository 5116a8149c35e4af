/* Calls two functions that no DLL exports and no library defines. */
int __attribute__((ms_abi)) NoSuchWin32Function(int);
int no_such_linux_function(void);

int __attribute__((ms_abi)) calls_missing(void)
{
    return NoSuchWin32Function(1) + no_such_linux_function();
}
