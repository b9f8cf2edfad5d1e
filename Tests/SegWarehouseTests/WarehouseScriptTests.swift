import Foundation
import SegTestSupport
import Testing

@testable import SegWarehouse

/// Scripts run by the built `seg` against the real PostgreSQL server of scripts/test: a log in
/// the database loads and gives RFM, and each kind of bad input stops the script with a clear
/// error at its line:col, exit 1, and no password anywhere in the output.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct WarehouseScriptTests {
  struct Run {
    var stdout: String
    var stderr: String
    var status: Int32
    var all: String { stdout + stderr }
  }

  /// The server's socket directory (`host=` of SEG_TEST_PG).
  static var socketDirectory: String {
    let parts = (TestDatabase.connection ?? "").split(separator: " ")
    return parts.first { $0.hasPrefix("host=") }.map { String($0.dropFirst(5)) } ?? ""
  }

  /// A URI for `user:password`, through the test server's socket.
  static func uri(user: String, password: String? = nil, database: String = "postgres") -> String {
    let auth = password.map { "\(user):\($0)" } ?? user
    return "postgresql://\(auth)@/\(database)?host=\(socketDirectory)"
  }

  /// Starts `seg` on a script file; `whileRunning` runs before the process is waited for.
  static func run(
    _ script: String, pgpass: String? = nil, directories: [String] = [],
    whileRunning: (() throws -> Void)? = nil, afterwards: ((String) throws -> Void)? = nil
  ) throws -> Run {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.path("warehouse.seg")
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    for d in directories {
      try FileManager.default.createDirectory(atPath: dir.path(d), withIntermediateDirectories: true)
    }
    if let pgpass {
      let file = dir.path(".pgpass")
      try pgpass.write(toFile: file, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    }
    let p = Process()
    p.executableURL = binary
    p.arguments = [path]
    p.currentDirectoryURL = URL(fileURLWithPath: dir.path(""))
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["PGPASSWORD"] = nil
    environment["HOME"] = dir.path("")
    p.environment = environment
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Both pipes are read while the child runs, so a large output cannot block it.
    let outData = Box()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      outData.set(out.fileHandleForReading.readDataToEndOfFile())
    }
    try whileRunning?()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    group.wait()
    try afterwards?(dir.path(""))
    return Run(
      stdout: String(decoding: outData.value, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), status: p.terminationStatus)
  }

  /// Checks a failing run: exit 1, the error at `line:col` of the script, the words expected,
  /// and no password.
  static func expectFailure(
    _ r: Run, at location: String, saying words: [String], secret: String = "pw-s3cret",
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(r.status == 1, "exit status; output:\n\(r.all)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains("warehouse.seg:\(location)"), "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(": error: "), "\(r.stderr)", sourceLocation: sourceLocation)
    for w in words {
      #expect(r.stderr.contains(w), "'\(w)' in:\n\(r.stderr)", sourceLocation: sourceLocation)
    }
    #expect(!r.all.contains(secret), "the password leaked:\n\(r.all)", sourceLocation: sourceLocation)
  }

  @Test func aLogInTheDatabaseLoadsAndGivesRFMWithoutPrintingThePassword() throws {
    let uri = Self.uri(user: "seg_pw", password: "pw-s3cret")
    let r = try Self.run(
      """
      load "\(uri)" table=sales_small
      rfm
      show sql
      assert count() > 0, msg="customers"
      """)
    #expect(r.status == 0, "\(r.all)")
    #expect(r.stdout.contains("postgresql://seg_pw:********@/postgres"))
    #expect(r.stdout.contains("2,000 rows, 6 columns") || r.stdout.contains("2,000 rows, 8 columns"))
    #expect(r.stdout.contains("COPY (WITH seg_lines AS MATERIALIZED ("))
    #expect(!r.all.contains("pw-s3cret"))
  }

  @Test func thePasswordCanComeFromPgpass() throws {
    let script = "load \"\(Self.uri(user: "seg_pw"))\" table=sales_small\nrfm\n"
    let without = try Self.run(script)
    Self.expectFailure(without, at: "1:6", saying: ["refused the login"])
    let with = try Self.run(script, pgpass: "*:*:*:seg_pw:pw-s3cret\n")
    #expect(with.status == 0, "\(with.all)")
    #expect(!with.all.contains("pw-s3cret"))
  }

  @Test func anUnreachableServer() throws {
    let r = try Self.run(
      """
      echo "start"
      load "postgresql://seg_pw:pw-s3cret@/postgres?host=/nonexistent-seg-socket" table=sales
      """)
    Self.expectFailure(r, at: "2:6", saying: ["cannot reach the database server", "help: check the host"])
  }

  @Test func aWrongPassword() throws {
    let r = try Self.run(
      """
      load "\(Self.uri(user: "seg_pw", password: "wrong-pw-s3cret"))" table=sales
      """)
    Self.expectFailure(
      r, at: "1:6", saying: ["refused the login", "password authentication failed"],
      secret: "wrong-pw-s3cret")
  }

  @Test func aMissingDatabaseTableOrColumn() throws {
    let db = try Self.run(
      "load \"\(Self.uri(user: "seg_pw", password: "pw-s3cret", database: "no_such_db"))\" table=sales\n")
    Self.expectFailure(db, at: "1:6", saying: ["database \"no_such_db\" does not exist"])
    let table = try Self.run(
      "load \"\(Self.uri(user: "seg_pw", password: "pw-s3cret"))\" table=no_such_table\n")
    Self.expectFailure(table, at: "1:", saying: ["relation \"no_such_table\" does not exist"])
    #expect(table.stderr.contains("table=no_such_table") || table.stderr.contains("^^^^"))
    let role = try Self.run(
      "load \"\(Self.uri(user: "seg_pw", password: "pw-s3cret"))\" table=sales customer=Custmer\n")
    Self.expectFailure(role, at: "1:", saying: ["no column 'Custmer' for the customer role"])
    let query = try Self.run(
      "load \"\(Self.uri(user: "seg_pw", password: "pw-s3cret"))\" query=\"select nope from sales\"\n")
    Self.expectFailure(query, at: "1:", saying: ["column \"nope\" does not exist"])
  }

  @Test func permissionDenied() throws {
    let r = try Self.run(
      """
      load "\(Self.uri(user: "seg_reader"))" table=locked_sales
      """)
    Self.expectFailure(r, at: "1:", saying: ["permission denied", "GRANT SELECT"])
  }

  @Test func aQueryThatReturnsNoRows() throws {
    let uri = Self.uri(user: "seg_pw", password: "pw-s3cret")
    let none = try Self.run("load \"\(uri)\" query=\"select * from sales where false\"\n")
    Self.expectFailure(none, at: "1:", saying: ["the query returns no rows"])
    let empty = try Self.run("load \"\(uri)\" query=\" \"\n")
    Self.expectFailure(empty, at: "1:", saying: ["the query is empty"])
  }

  @Test func aTextDateOrMoneyColumn() throws {
    let uri = Self.uri(user: "postgres")
    let date = try Self.run("load \"\(uri)\" table=sales_text_date\n")
    Self.expectFailure(date, at: "1:6", saying: ["the date column 'InvoiceDate' is text"])
    let money = try Self.run("load \"\(uri)\" table=sales_text_price\n")
    Self.expectFailure(money, at: "1:6", saying: ["the price column 'UnitPrice' is text"])
  }

  @Test func aConnectionDroppedInTheMiddleOfTheCOPY() throws {
    // sales_pausing sleeps 10 ms a row, only inside a COPY: the test finds that COPY and
    // terminates its backend (that one only: other tests' COPYs run on the same server).
    let r = try Self.run(
      """
      load "\(Self.uri(user: "seg_pw", password: "pw-s3cret"))" table=sales_pausing
      rfm top=0
      """
    ) {
      let text = try #require(TestDatabase.connection)
      let admin = try #require(ConnectionString(text))
      let db = try PostgresConnection(admin)
      let sql = """
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query LIKE 'COPY (%sales_pausing%' AND usename = 'seg_pw'
          AND application_name = 'seg' AND pid <> pg_backend_pid()
        """
      for _ in 0..<600 {
        if try !db.query(sql).rows.isEmpty { return }
        Thread.sleep(forTimeInterval: 0.05)
      }
      Issue.record("the COPY never started")
    }
    Self.expectFailure(r, at: "2:1", saying: ["the server ended the connection", "terminat"])
  }
}

/// Bytes set by the reading thread, read after it finished.
final class Box: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Data()
  func set(_ v: Data) { lock.withLock { stored = v } }
  var value: Data { lock.withLock { stored } }
}
