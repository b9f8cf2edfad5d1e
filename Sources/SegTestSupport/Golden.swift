package import Foundation

/// Golden-file comparison: `SEG_RECORD=1` rewrites the file (and the caller fails the test, so a
/// recording run can never pass silently); otherwise the file must match exactly.
package enum Golden {
  /// The outcome of comparing with a golden file.
  package enum Result: Equatable, Sendable {
    /// The file holds exactly the actual text.
    case matches
    /// `SEG_RECORD=1`: the file was (re)written; fail the test to say so.
    case recorded
    /// The file differs; `description` says where.
    case differs(String)
  }

  /// Whether this run records goldens (`SEG_RECORD=1`).
  package static var isRecording: Bool { ProcessInfo.processInfo.environment["SEG_RECORD"] == "1" }

  /// Compares `actual` with the file at `url`, or records it.
  package static func check(_ actual: String, against url: URL) -> Result {
    if isRecording {
      let existing = try? String(contentsOf: url, encoding: .utf8)
      if existing != actual {
        try? Data(actual.utf8).write(to: url, options: .atomic)
      }
      return .recorded
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return .differs("missing golden file \(url.lastPathComponent); run with SEG_RECORD=1")
    }
    if expected == actual { return .matches }
    return .differs(firstDifference(expected: expected, actual: actual))
  }

  /// A short description of the first line where `expected` and `actual` differ.
  package static func firstDifference(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) {
      let x = i < e.count ? String(e[i]) : "<end>"
      let y = i < a.count ? String(a[i]) : "<end>"
      if x != y { return "line \(i + 1):\n  expected: \(x)\n  actual:   \(y)" }
    }
    return "texts differ"
  }
}
