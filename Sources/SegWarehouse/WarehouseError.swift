package import SegCore
/// A failure talking to a database, already worded for the user: what went wrong, the server's
/// own words where they help, and what to try. Never holds a password.
package struct WarehouseError: Error, Sendable, Equatable {
  /// What kind of failure, for tests and for the diagnostic's id.
  package enum Code: String, Sendable, Equatable {
    case unreachable = "db-unreachable"
    case authentication = "db-authentication"
    case missingDatabase = "db-missing-database"
    case missingTable = "db-missing-table"
    case missingColumn = "db-missing-column"
    case permissionDenied = "db-permission-denied"
    case emptyResult = "db-empty-result"
    case wrongColumnType = "db-wrong-column-type"
    case connectionLost = "db-connection-lost"
    case queryFailed = "db-query-failed"
    case unsupported = "db-unsupported"
  }

  package var code: Code
  package var message: String
  package var hint: Remark
  /// The server's SQLSTATE, when the server sent one.
  package var sqlState: String?

  package init(_ code: Code, _ message: String, hint: Remark, sqlState: String? = nil) {
    self.code = code
    self.message = message
    self.hint = hint
    self.sqlState = sqlState
  }
}
