#ifndef SEG_CZLIB_SHIM_H
#define SEG_CZLIB_SHIM_H
#include <zlib.h>
#endif
