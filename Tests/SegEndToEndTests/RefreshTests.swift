import Foundation
import SegHistory
import SegTestSupport
import Testing

/// Periodic refresh through the built `seg` binary: `examples/refresh.seg` run as a scheduler
/// runs it, once a month into one history file, on the example data; interrupted saves, old and
/// foreign history files; the Airflow DAG that schedules it.
@Suite struct RefreshTests {
  static let asofs = ["2011-09-01", "2011-10-01", "2011-11-01", "2011-12-10"]
  static let script = RepositoryPaths.root.appendingPathComponent("examples/refresh.seg")
  static let fixtures = RepositoryPaths.root.appendingPathComponent(
    "Tests/SegEndToEndTests/Scripts/history")

  /// A scratch directory laid out like a checkout for `examples/refresh.seg`.
  ///
  /// The example data is at `examples/data/online_retail.csv.gz` (a link to the repository's
  /// copy). The directory is removed when released.
  final class Checkout: Sendable {
    let url: URL

    init() throws {
      url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "seg-refresh-\(UUID().uuidString)")
      let data = url.appendingPathComponent("examples/data")
      try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(
        at: data.appendingPathComponent("online_retail.csv.gz"),
        withDestinationURL: RepositoryPaths.exampleData)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var history: String { url.appendingPathComponent("history.db").path }

    /// Runs `seg` with `arguments` in the checkout.
    func seg(_ arguments: [String], environment: [String: String] = [:]) throws
      -> SegProcess.Result
    {
      let binary = try #require(RepositoryPaths.segBinary, "build seg first")
      return try SegProcess.run(binary, arguments: arguments, in: url, environment: environment)
    }

    /// `seg run examples/refresh.seg asof=…`, the command a scheduler runs.
    func refresh(asof: String, environment: [String: String] = [:]) throws -> SegProcess.Result {
      try seg(["run", RefreshTests.script.path, "asof=\(asof)"], environment: environment)
    }
  }

  /// Four monthly refreshes into one history, run once and shared by the tests that read them.
  struct Monthly: Sendable {
    let checkout: Checkout
    let results: [SegProcess.Result]
  }

  static let monthly = Result<Monthly, any Error>(catching: {
    let checkout = try Checkout()
    let results = try asofs.map { try checkout.refresh(asof: $0) }
    return Monthly(checkout: checkout, results: results)
  })

  /// The shared monthly history, opened.
  func monthlyHistory() throws -> (Monthly, HistoryStore) {
    let monthly = try RefreshTests.monthly.get()
    return (monthly, try HistoryStore(path: monthly.checkout.history, createIfMissing: false))
  }

  @Test func theRefreshScriptRunsEveryMonthAndStoresEachRun() throws {
    let (monthly, store) = try monthlyHistory()
    for (asof, r) in zip(RefreshTests.asofs, monthly.results) {
      #expect(r.status == 0, "\(asof): \(r.stderr)")
    }
    #expect(
      monthly.results[0].stdout.contains(
        "compare: run 1 (as of 2011-09-01) is the first run in 'history.db'; there is nothing "
          + "to compare it with yet"))
    #expect(monthly.results[1].stdout.contains("compare: run 1 (as of 2011-09-01) → run 2"))
    let runs = try store.runs()
    #expect(runs.map(\.id) == [1, 2, 3, 4])
    #expect(runs.map(\.asof) == RefreshTests.asofs)
    #expect(runs.allSatisfy { $0.k == 4 && $0.method == "kmeans" })
    #expect(runs.allSatisfy { $0.inputFile == "examples/data/online_retail.csv.gz" })
    let listing = try monthly.checkout.seg(["-c", "runs format=csv"])
    #expect(listing.status == 0)
    let lines = listing.stdout.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(
      lines.dropFirst().map { $0.split(separator: ",")[2] } == RefreshTests.asofs.map { $0[...] })
    // Provenance: the input's SHA-256 (the data README's), the script, the parameters.
    let first = try store.run(id: 1).record
    #expect(first.inputSHA256 == "737745256ddb4410bfe4e29f2dcb72329b7486e584837f1e84f9a07416cf7d45")
    #expect(first.script == (try String(contentsOf: RefreshTests.script, encoding: .utf8)))
    #expect(first.parameters["asof"] == "2011-09-01")
    #expect(first.seed == 42)
  }

  @Test func namesStayWithTheSameKindOfCustomer() throws {
    let (_, store) = try monthlyHistory()
    let firstNames = try store.run(id: 1).record.segmentNames
    for id in 2...4 {
      let run = try store.run(id: id)
      let matching = try #require(run.matching)
      #expect(matching.previousRunID == id - 1)
      // Month-to-month drift is far below the threshold: every cluster keeps a name.
      #expect(matching.matches.allSatisfy { $0.status == .matched }, "run \(id): \(matching)")
      #expect(matching.vanished.isEmpty)
      for m in matching.matches {
        #expect(run.record.segmentNames[m.cluster] == m.previousName)
      }
      #expect(Set(run.record.segmentNames) == Set(firstNames))
    }
  }

  @Test func migrationMatricesAccountForEveryCustomer() throws {
    let (monthly, store) = try monthlyHistory()
    for id in 2...4 {
      let before = try store.run(id: id - 1).record
      let after = try store.run(id: id).record
      let c = try store.compare(previous: id - 1, current: id)
      let previousSizes = before.profiles.map(\.size)
      let currentSizes = after.profiles.map(\.size)
      let columns = c.currentSegments.count
      for (i, cluster) in c.previousClusters.enumerated() {
        #expect(c.rowTotal(i) == previousSizes[cluster] - c.left[i])
      }
      for (j, cluster) in c.currentClusters.enumerated() {
        let column = c.previousSegments.indices.reduce(0) { $0 + c.counts[$1 * columns + j] }
        #expect(column + c.arrived[j] == currentSizes[cluster])
      }
      #expect(c.stayerCount + c.leftCustomers.count == before.customers.count)
      #expect(c.stayerCount + c.arrivedCustomers.count == after.customers.count)
      // What the refresh printed is this comparison.
      let printed = monthly.results[id - 1].stdout
      #expect(
        printed.contains(
          "customers: \(count(c.stayerCount)) in both runs, "
            + "\(count(c.arrivedCustomers.count)) arrived, \(count(c.leftCustomers.count)) left"),
        "\(printed)")
    }
  }

  @Test func theReportAndTheChartShowTheLastComparison() throws {
    let (monthly, store) = try monthlyHistory()
    let c = try store.compare(previous: 3, current: 4)
    let report = "report-\(UUID().uuidString).html"
    defer {
      try? FileManager.default.removeItem(at: monthly.checkout.url.appendingPathComponent(report))
    }
    let r = try monthly.checkout.seg([
      "-c", "load run=4\ncompare\nplot migration\nreport \"\(report)\"",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Rows: Run 3; columns: Run 4"))
    let html = try String(
      contentsOf: monthly.checkout.url.appendingPathComponent(report), encoding: .utf8)
    #expect(html.contains("<section id=\"migration\">"))
    #expect(
      html.contains(
        "Customers in both run 3 (rows) and run 4 (columns): \(count(c.stayerCount)). "
          + "\(count(c.arrivedCustomers.count)) arrived and \(count(c.leftCustomers.count)) left"))
  }

  @Test func customersWhoFirstBuyAfterAnAsofAreArrivals() throws {
    let (_, store) = try monthlyHistory()
    struct Oracle: Decodable {
      struct Month: Decodable {
        var asof: String
        var customersBefore: Int
        var firstPurchases: [String]?
      }
      var months: [Month]
    }
    let oracle = try JSONDecoder().decode(
      Oracle.self,
      from: Data(contentsOf: RefreshTests.fixtures.appendingPathComponent("first_purchases.json")))
    #expect(oracle.months.map(\.asof) == RefreshTests.asofs)
    for id in 2...4 {
      let c = try store.compare(previous: id - 1, current: id)
      let current = Set(try store.run(id: id).record.customers.ids)
      let previous = Set(try store.run(id: id - 1).record.customers.ids)
      let firstBuyers = Set(oracle.months[id - 1].firstPurchases ?? [])
      #expect(!firstBuyers.isEmpty)
      #expect(firstBuyers.isDisjoint(with: previous))
      let arrived = Set(c.arrivedCustomers)
      // Every first-time buyer who made it into the run (not set aside as an outlier) arrived.
      let present = firstBuyers.intersection(current)
      #expect(present.isSubset(of: arrived))
      #expect(Double(present.count) >= 0.9 * Double(firstBuyers.count))
      // The other arrivals were customers already, set aside as outliers last month.
      #expect(arrived.subtracting(firstBuyers).count < arrived.count / 5)
    }
  }

  @Test func aSaveKilledHalfwayLeavesTheEarlierRunsIntact() throws {
    let checkout = try Checkout()
    #expect(try checkout.refresh(asof: "2011-09-01").status == 0)
    let killed = try checkout.refresh(
      asof: "2011-10-01", environment: ["SEG_TEST_ABORT_IN_SAVE": "1"])
    #expect(killed.status == SIGABRT)
    let runs = try checkout.seg(["-c", "runs format=csv"])
    #expect(runs.status == 0, "\(runs.stderr)")
    #expect(runs.stdout.split(separator: "\n").count == 2)
    #expect(runs.stdout.contains("\n1,"))
    let store = try HistoryStore(path: checkout.history, createIfMissing: false)
    #expect(try store.runs().map(\.asof) == ["2011-09-01"])
    #expect(try store.run(id: 1).record.customers.count > 3000)
    // The next refresh saves normally and compares with the intact first run.
    let again = try checkout.refresh(asof: "2011-10-01")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try store.runs().map(\.asof) == ["2011-09-01", "2011-10-01"])
  }

  @Test func aHistoryFromAnOlderSegIsMigratedNotRejected() throws {
    let checkout = try Checkout()
    try FileManager.default.copyItem(
      at: RefreshTests.fixtures.appendingPathComponent("history-v1.db"),
      to: URL(fileURLWithPath: checkout.history))
    let runs = try checkout.seg(["-c", "runs format=csv"])
    #expect(runs.status == 0, "\(runs.stderr)")
    #expect(runs.stdout.contains("\n1,2011-09-01 06:00:00,2011-09-01,kmeans,2,3,old.csv,0.0.9\n"))
    let script = checkout.url.appendingPathComponent("save.seg")
    try Data(RefreshTests.saveScript(asof: "2011-10-01").utf8).write(to: script)
    let saved = try checkout.seg(["run", "save.seg"])
    #expect(saved.status == 0, "\(saved.stderr)")
    // The old run clustered other features (recency, monetary), so every segment is new.
    #expect(saved.stdout.contains("names: run 1 clustered other features, so every segment is new"))
    let store = try HistoryStore(path: checkout.history, createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1, 2])
    #expect(try store.appliedSchemaVersions() == ["v1", "v2"])
  }

  @Test func aFileThatIsNotAHistoryIsAClearError() throws {
    let checkout = try Checkout()
    let orders = checkout.url.appendingPathComponent("orders.csv")
    let text = "invoice,customer\n1,17850\n"
    try Data(text.utf8).write(to: orders)
    for command in ["runs from=\"orders.csv\"", "compare from=\"orders.csv\""] {
      let r = try checkout.seg(["-c", command])
      #expect(r.status == 1)
      #expect(r.stderr.contains("error: 'orders.csv' is not a seg history file"), "\(r.stderr)")
    }
    let missing = try checkout.seg(["-c", "runs from=\"nothing.db\""])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("error: no history file 'nothing.db'"))
    #expect(missing.stderr.contains("help: 'save' creates it: save \"nothing.db\""))
    #expect(try String(contentsOf: orders, encoding: .utf8) == text)
  }

  @Test func theAirflowDAGRunsTheRefreshScript() throws {
    let dag = RepositoryPaths.root.appendingPathComponent("examples/airflow/seg_refresh_dag.py")
    let text = try String(contentsOf: dag, encoding: .utf8)
    #expect(text.contains("BashOperator("))
    #expect(text.contains("\"seg run examples/refresh.seg asof={{ data_interval_end | ds }}\""))
    #expect(text.contains("schedule=\"@monthly\""))
    #expect(text.contains("max_active_runs=1"))
    // The script it runs parses.
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let check = try SegProcess.run(
      binary, arguments: ["check", "examples/refresh.seg"], in: RepositoryPaths.root)
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test(.enabled(if: executable("python3") != nil, "python3 is not installed"))
  func theAirflowDAGIsValidPython() throws {
    let dag = RepositoryPaths.root.appendingPathComponent("examples/airflow/seg_refresh_dag.py")
    let python = try #require(Self.executable("python3"))
    // Bytecode goes to a scratch file, not into the checkout.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-dag-\(UUID().uuidString).pyc")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let p = Process()
    p.executableURL = python
    p.arguments = [
      "-c",
      "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
      dag.path, scratch.path,
    ]
    let err = Pipe()
    p.standardError = err
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(message)")
  }

  /// A refresh without the migration check: load, RFM as of `asof`, outliers out, k-means k = 4,
  /// automatic names, save and compare.
  static func saveScript(asof: String) -> String {
    """
    load "examples/data/online_retail.csv.gz"
    rfm asof=\(asof)
    filter z<3
    scale
    cluster k=4 seed=42
    name auto
    save "history.db"
    compare

    """
  }

  /// The executable `name` on `PATH`, if any.
  static func executable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
      let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  func count(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return out
  }
}
