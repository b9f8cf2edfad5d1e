package import Foundation

/// A fresh directory under the system's temporary directory, removed by ``cleanup()``.
package struct TemporaryDirectory: Sendable {
  /// Where it is.
  package let url: URL

  /// Creates the directory.
  package init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the directory.
  package func path(_ name: String) -> String {
    url.appendingPathComponent(name).path
  }

  /// Removes the directory and everything in it.
  package func cleanup() {
    try? FileManager.default.removeItem(at: url)
  }
}
