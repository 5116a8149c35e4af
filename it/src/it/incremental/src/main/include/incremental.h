/* Included by src/main/c/counter.c only. The test changes INCREMENTAL_VALUE and expects counter.c recompiled. */
#ifndef INCREMENTAL_H
#define INCREMENTAL_H

#define INCREMENTAL_VALUE 1

#endif
