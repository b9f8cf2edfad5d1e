#ifndef SEG_CBUILDINFO_H
#define SEG_CBUILDINFO_H

/// The git commit seg was built from, or "unknown" (a build outside a git checkout). Set by
/// Package.swift as the C define SEG_GIT_COMMIT; read by `seg --version`.
const char *seg_build_commit(void);

#endif
