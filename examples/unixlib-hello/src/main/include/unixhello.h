/*
 * The interface of unixhello.dll for Windows programs (host/host.c declares the same).
 */
#ifndef UNIXHELLO_H
#define UNIXHELLO_H

/* Filled in by unixhello_transform. */
struct unixhello_transform_data
{
    int a;
    int b;
    double scale;
    char label[32];        /* in: a label; out: in capital letters */
    long long sum;         /* out: a + b */
    double scaled;         /* out: (a + b) * scale */
    unsigned int unix_pid; /* out: the process id on the Linux side */
};

#endif
