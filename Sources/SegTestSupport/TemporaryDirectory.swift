public import Foundation

/// A fresh directory under the system's temporary directory, removed by ``cleanup()``.
public struct TemporaryDirectory: Sendable {
  /// Where it is.
  public let url: URL

  /// Creates the directory.
  public init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the directory.
  public func path(_ name: String) -> String {
    url.appendingPathComponent(name).path
  }

  /// Removes the directory and everything in it.
  public func cleanup() {
    try? FileManager.default.removeItem(at: url)
  }
}
