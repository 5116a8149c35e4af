/* A test program of two files: main.c and check.c. */
#include <stdio.h>

int check_mul(void);

int main(void)
{
    int failures = check_mul();
    printf("multi: %d failures\n", failures);
    return failures;
}
