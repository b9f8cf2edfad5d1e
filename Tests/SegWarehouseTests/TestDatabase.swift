import Foundation
import Testing

@testable import SegWarehouse

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

  /// Creates a table `PREFIX_random` with `columns` (SQL column definitions) holding the rows of
  /// `csv` after its header (fields split at commas, empty fields NULL), runs `body` with its
  /// name, a connection and the connection string, and drops the table.
  static func withTable(
    _ prefix: String, columns: String, csv: String,
    _ body: (String, PostgresConnection, ConnectionString) throws -> Void
  ) throws {
    let text = try #require(connection)
    let connection = try #require(ConnectionString(text))
    let db = try PostgresConnection(connection)
    let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
    _ = try db.query("CREATE TABLE \(name) (\(columns))")
    defer { _ = try? db.query("DROP TABLE \(name)") }
    let rows = csv.split(separator: "\n").dropFirst().map { line in
      "("
        + line.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.isEmpty ? "NULL" : "'\($0)'" }.joined(separator: ", ") + ")"
    }
    _ = try db.query("INSERT INTO \(name) VALUES " + rows.joined(separator: ", "))
    try body(name, db, connection)
  }
}
