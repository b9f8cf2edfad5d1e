internal import CLibPQ
internal import SegCore

#if canImport(Glibc)
  internal import Glibc
#endif

/// One open connection to a PostgreSQL server through libpq: plain queries, and `COPY ... TO
/// STDOUT` read row by row.
///
/// libpq is PostgreSQL's own client library (psql's): it honours the `PG*` environment variables
/// and `~/.pgpass`, speaks COPY OUT, and is synchronous, which suits a script runner. Opened for
/// one command and closed with it; not shared between threads.
package final class PostgresConnection {
  private let connection: OpaquePointer
  private let password: String?

  /// Connects, or throws a ``WarehouseError`` naming the failure without the password.
  package init(_ target: ConnectionString) throws(WarehouseError) {
    var keys = ["dbname", "fallback_application_name"]
    var values = [target.text, "seg"]
    // A server that drops packets must not hang a script: 10 s unless PGCONNECT_TIMEOUT says.
    if !target.text.contains("connect_timeout") && getenvString("PGCONNECT_TIMEOUT") == nil {
      keys.insert("connect_timeout", at: 0)
      values.insert("10", at: 0)
    }
    let conn = PostgresConnection.connect(keys: keys, values: values)
    guard let conn else {
      throw WarehouseError(.unreachable, "cannot allocate a connection", hint: "out of memory?")
    }
    password = target.password
    guard PQstatus(conn) == CONNECTION_OK else {
      let text = PostgresConnection.clean(String(cString: PQerrorMessage(conn)), password)
      PQfinish(conn)
      throw PostgresConnection.classifyConnectionFailure(text, target: target)
    }
    connection = conn
  }

  deinit { PQfinish(connection) }

  private static func connect(keys: [String], values: [String]) -> OpaquePointer? {
    let keyPointers = keys.map { strdup($0) }
    let valuePointers = values.map { strdup($0) }
    defer {
      keyPointers.forEach { free($0) }
      valuePointers.forEach { free($0) }
    }
    var k: [UnsafePointer<CChar>?] = keyPointers.map { UnsafePointer($0) } + [nil]
    var v: [UnsafePointer<CChar>?] = valuePointers.map { UnsafePointer($0) } + [nil]
    return k.withUnsafeMutableBufferPointer { kb in
      v.withUnsafeMutableBufferPointer { vb in
        PQconnectdbParams(kb.baseAddress, vb.baseAddress, 1)
      }
    }
  }

  /// The server's version, e.g. `15.18`.
  package var serverVersion: String {
    let v = Int(PQserverVersion(connection))
    return v >= 100000 ? "\(v / 10000).\(v % 10000)" : "\(v / 10000).\(v / 100 % 100).\(v % 100)"
  }

  /// A query's result: column names, type OIDs, and rows of text values (`nil` for NULL).
  package struct Result: Sendable, Equatable {
    package var columns: [String]
    package var typeOIDs: [UInt32]
    package var rows: [[String?]]
  }

  /// Runs one statement and returns its rows as text.
  package func query(_ sql: String) throws(WarehouseError) -> Result {
    guard let res = PQexec(connection, sql) else { throw lost() }
    defer { PQclear(res) }
    let status = PQresultStatus(res)
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw failure(res) }
    let nf = Int(PQnfields(res))
    let nt = Int(PQntuples(res))
    var result = Result(columns: [], typeOIDs: [], rows: [])
    for f in 0..<nf {
      result.columns.append(String(cString: PQfname(res, Int32(f))))
      result.typeOIDs.append(UInt32(PQftype(res, Int32(f))))
    }
    result.rows.reserveCapacity(nt)
    for t in 0..<nt {
      var row: [String?] = []
      row.reserveCapacity(nf)
      for f in 0..<nf {
        if PQgetisnull(res, Int32(t), Int32(f)) != 0 {
          row.append(nil)
        } else {
          row.append(String(cString: PQgetvalue(res, Int32(t), Int32(f))))
        }
      }
      result.rows.append(row)
    }
    return result
  }

  /// Runs `COPY (select) TO STDOUT` and hands each row's fields (text format, `nil` for NULL) to
  /// `row` as they arrive, so that memory holds one row at a time.
  package func copyOut(
    _ select: String, row: ([String?]) throws(WarehouseError) -> Void
  ) throws(WarehouseError) {
    guard let res = PQexec(connection, "COPY (\(select)) TO STDOUT") else { throw lost() }
    let status = PQresultStatus(res)
    guard status == PGRES_COPY_OUT else {
      defer { PQclear(res) }
      throw failure(res)
    }
    PQclear(res)
    while true {
      var buffer: UnsafeMutablePointer<CChar>? = nil
      let n = PQgetCopyData(connection, &buffer, 0)
      if n > 0, let buffer {
        let bytes = UnsafeBufferPointer(
          start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(n))
        let fields = CopyText.fields(of: bytes)
        PQfreemem(buffer)
        try row(fields)
        continue
      }
      if let buffer { PQfreemem(buffer) }
      break
    }
    // The COPY's final status (an error when the backend went away mid-stream).
    var failed: WarehouseError? = nil
    while let res = PQgetResult(connection) {
      if PQresultStatus(res) != PGRES_COMMAND_OK && failed == nil { failed = failure(res) }
      PQclear(res)
    }
    if let failed { throw failed }
    if PQstatus(connection) != CONNECTION_OK { throw lost() }
  }

  /// Quotes an identifier for this server (`"Customer ID"`).
  package func quoteIdentifier(_ name: String) -> String { SQLDialect.postgres.quote(name) }

  // MARK: - Errors

  private func lost() -> WarehouseError {
    WarehouseError(
      .connectionLost,
      "the connection to the server was lost: "
        + PostgresConnection.clean(String(cString: PQerrorMessage(connection)), password),
      hint: "check that the server is running, then run the command again")
  }

  private func failure(_ res: OpaquePointer) -> WarehouseError {
    func field(_ code: Int32) -> String? {
      guard let p = PQresultErrorField(res, code) else { return nil }
      return String(cString: p)
    }
    let state = field(Int32(UInt8(ascii: "C")))
    let primary = PostgresConnection.clean(
      field(Int32(UInt8(ascii: "M"))) ?? String(cString: PQerrorMessage(connection)), password)
    let serverHint = field(Int32(UInt8(ascii: "H"))).map { Remark(PostgresConnection.clean($0, password)) }
    let status = PQstatus(connection)
    switch state {
    case "42P01"?:
      return WarehouseError(
        .missingTable, primary, hint: serverHint ?? "check the table name and the schema search path",
        sqlState: state)
    case "42703"?:
      return WarehouseError(
        .missingColumn, primary, hint: serverHint ?? "check the column names in the table or query",
        sqlState: state)
    case "42501"?:
      return WarehouseError(
        .permissionDenied, primary,
        hint: "ask the table's owner for SELECT on it (GRANT SELECT ON ... TO your role)",
        sqlState: state)
    case let s? where s.hasPrefix("57P") || s.hasPrefix("08"):
      return WarehouseError(
        .connectionLost, "the server ended the connection: " + primary,
        hint: "the backend was terminated or the server shut down; run the command again",
        sqlState: state)
    default:
      if state == nil && status != CONNECTION_OK { return lost() }
      return WarehouseError(
        .queryFailed, primary, hint: serverHint ?? "check the SQL against the server", sqlState: state)
    }
  }

  /// Connection failures sorted into unreachable server, authentication and missing database.
  static func classifyConnectionFailure(_ text: String, target: ConnectionString) -> WarehouseError
  {
    let shown = target.redacted
    if text.contains("password authentication failed") || text.contains("no password supplied")
      || text.contains("authentication failed")
    {
      return WarehouseError(
        .authentication, "the server refused the login for \(shown): \(text)",
        hint: "check the user and the password (in the URI, PGPASSWORD or ~/.pgpass)")
    }
    if text.contains("database \"") && text.contains("does not exist") {
      return WarehouseError(
        .missingDatabase, "\(text) (connecting to \(shown))",
        hint: "check the database name; psql -l lists the databases")
    }
    if text.contains("role \"") && text.contains("does not exist") {
      return WarehouseError(
        .authentication, "\(text) (connecting to \(shown))",
        hint: "check the user name (user= or the URI's user, else PGUSER)")
    }
    return WarehouseError(
      .unreachable, "cannot reach the database server at \(shown): \(text)",
      hint: "check the host, the port and that the server is running (pg_isready)")
  }

  /// One line out of libpq's multi-line messages, with any password masked.
  static func clean(_ text: String, _ password: String?) -> String {
    var t = text.split(whereSeparator: { $0 == "\n" }).map {
      $0.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
    }.joined(separator: "; ")
    t = t.replacing("FATAL:  ", with: "").replacing("ERROR:  ", with: "")
    if let password, !password.isEmpty { t = t.replacing(password, with: "********") }
    return ConnectionString.redactPasswords(in: t)
  }
}

private func getenvString(_ name: String) -> String? {
  guard let p = getenv(name) else { return nil }
  return String(cString: p)
}

/// PostgreSQL's COPY text format: fields separated by tabs, `\N` for NULL, backslash escapes.
enum CopyText {
  static func fields(of line: UnsafeBufferPointer<UInt8>) -> [String?] {
    var end = line.count
    if end > 0 && line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    var fields: [String?] = []
    var current: [UInt8] = []
    var isNull = false
    var i = 0
    func finish() {
      fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
      current.removeAll(keepingCapacity: true)
      isNull = false
    }
    while i < end {
      let b = line[i]
      if b == UInt8(ascii: "\t") {
        finish()
        i += 1
        continue
      }
      if b == UInt8(ascii: "\\") && i + 1 < end {
        let e = line[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "N"): isNull = true
        case UInt8(ascii: "t"): current.append(9)
        case UInt8(ascii: "n"): current.append(10)
        case UInt8(ascii: "r"): current.append(13)
        case UInt8(ascii: "b"): current.append(8)
        case UInt8(ascii: "f"): current.append(12)
        case UInt8(ascii: "v"): current.append(11)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
          var v = Int(e - UInt8(ascii: "0"))
          var k = 0
          while k < 2 && i < end && line[i] >= UInt8(ascii: "0") && line[i] <= UInt8(ascii: "7") {
            v = v * 8 + Int(line[i] - UInt8(ascii: "0"))
            i += 1
            k += 1
          }
          current.append(UInt8(truncatingIfNeeded: v))
        default: current.append(e)
        }
        continue
      }
      current.append(b)
      i += 1
    }
    finish()
    return fields
  }
}
