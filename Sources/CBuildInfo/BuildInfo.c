#include "CBuildInfo.h"

#ifndef SEG_GIT_COMMIT
#define SEG_GIT_COMMIT "unknown"
#endif

const char *seg_build_commit(void) { return SEG_GIT_COMMIT; }
