import Foundation
import Testing

/// Golden-file comparison for chart output.
///
/// `SEG_RECORD=1` rewrites the files and fails the run, so a recording can never pass CI by
/// accident.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var isRecording: Bool { ProcessInfo.processInfo.environment["SEG_RECORD"] == "1" }

  static func check(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    if isRecording {
      do {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "recorded \(name); run again without SEG_RECORD=1", sourceLocation: sourceLocation)
      } catch {
        Issue.record("could not write \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(name); record it with SEG_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
      let want = line < a.count ? String(a[line]) : "<end>"
      let got = line < b.count ? String(b[line]) : "<end>"
      Attachment.record(actual, named: name, sourceLocation: sourceLocation)
      Issue.record(
        "\(name) differs from its golden file at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
        sourceLocation: sourceLocation)
    }
  }
}
