#ifndef SEG_CLIBEDIT_SHIM_H
#define SEG_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <histedit.h>
#endif
