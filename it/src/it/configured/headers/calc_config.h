/* Found through the POM's includeDirectories. */
#ifndef CALC_CONFIG_H
#define CALC_CONFIG_H

#define CALC_SCALE 3

#endif
