import Foundation
import SegCore

/// Small accessors that keep the tests readable.
enum Fixture {
  /// A file in `Tests/SegCoreTests/Fixtures`.
  static func path(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name).path
  }

  /// A scratch directory for files a test writes, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-tests-\(UUID().uuidString)"
    )
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension Table {
  /// Integer (or date-time) values of a column, `nil` for missing.
  func ints(_ name: String) -> [Int64?] {
    switch self[name]?.data {
    case .integer(let v)?, .datetime(let v)?: v.map { $0 == Column.missingInteger ? nil : $0 }
    default: []
    }
  }

  /// Numeric values as doubles (NaN for missing).
  func doubles(_ name: String) -> [Double] { self[name]?.doubles ?? [] }

  /// Values as text, `nil` for missing: integers printed, text as is.
  func texts(_ name: String) -> [String?] {
    guard let column = self[name] else { return [] }
    switch column.data {
    case .integer(let v): return v.map { $0 == Column.missingInteger ? nil : String($0) }
    case .boolean(let v): return v.map { $0.map { $0 ? "true" : "false" } }
    default: return (0..<column.count).map { column.text(at: $0) }
    }
  }
}
