#ifndef SEG_CLIBPQ_SHIM_H
#define SEG_CLIBPQ_SHIM_H
/*
 * libpq, PostgreSQL's own client library (what psql links), from Debian's libpq-dev: the include
 * path comes from pkg-config (libpq). Only SegWarehouse imports this module.
 */
#include <libpq-fe.h>
#endif
