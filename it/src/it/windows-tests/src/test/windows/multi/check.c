#include <stdio.h>
#include "gb.h"

int check_mul(void)
{
    int product = gb_mul(6, 7);
    printf("gb_mul(6, 7) = %d\n", product);
    return product == 42 ? 0 : 1;
}
