/* Calls gb_add through the import library: exit code 0 when it adds. */
#include <stdio.h>
#include "gb.h"

int main(void)
{
    int sum = gb_add(2, 40);
    printf("gb_add(2, 40) = %d\n", sum);
    return sum == 42 ? 0 : 1;
}
