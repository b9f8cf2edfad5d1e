import Foundation

/// The PostgreSQL server scripts/test starts (scripts/test-postgres): `SEG_TEST_PG` is its libpq
/// key=value string. Tests that need it are skipped when it is not set; CI always sets it.
enum TestDatabase {
  static var connection: String? {
    let value = ProcessInfo.processInfo.environment["SEG_TEST_PG"] ?? ""
    return value.isEmpty ? nil : value
  }

  static var isAvailable: Bool { connection != nil }

  /// The connection string with `user=` replaced.
  static func connection(user: String) -> String? {
    guard let c = connection else { return nil }
    return c.split(separator: " ").map { $0.hasPrefix("user=") ? "user=\(user)" : String($0) }
      .joined(separator: " ")
  }
}
