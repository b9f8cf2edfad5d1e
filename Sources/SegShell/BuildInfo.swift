import SegLang

internal import CBuildInfo

/// What `seg --version` prints: the version and the git commit the binary was built from.
enum BuildInfo {
  /// The commit (12 hex digits, or `git describe` output from scripts/install), or `unknown` for
  /// a build outside git.
  static var commit: String { String(cString: seg_build_commit()) }

  /// `seg 0.1.0 (commit 58d5138e1f2a)`.
  static var versionLine: String { "seg \(SegVersion.string) (commit \(commit))" }
}
