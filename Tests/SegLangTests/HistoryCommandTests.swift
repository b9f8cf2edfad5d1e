import Foundation
import SegCore
import SegHistory
import SegTestSupport
import Testing

@testable import SegLang

/// History commands on hand-made segmentations.
///
/// `save`, `compare`, `runs` and `moved()` with histories in memory (MemoryHost). The
/// end-to-end tests run the same commands on the real data through the binary.
@Suite struct HistoryCommandTests {
  /// A clustered session: customers `ids` with features (recency, frequency, monetary), cluster
  /// `labels`, named `names`, with scaled centroids `scaled` (2 clusters × 3 features).
  static func session(
    ids: [Int64], labels: [Int], names: [String], scaled: [Double], asof: String = "2011-11-01"
  ) -> Workspace {
    var ws = Workspace()
    let n = ids.count
    let table = Table(columns: [
      Column(name: "customer", data: .integer(ids)),
      Column(name: "recency", data: .integer(labels.map { Int64($0 == 0 ? 5 : 200) })),
      Column(name: "frequency", data: .integer(labels.map { Int64($0 == 0 ? 9 : 1) })),
      Column(name: "monetary", data: .decimal((0..<n).map { Double(100 * ($0 + 1)) })),
    ])
    ws.setCurrentTable(table, name: "customers")
    let sizes = (0..<names.count).map { c in labels.count { $0 == c } }
    var model = SegmentationModel(
      method: "kmeans", k: names.count, tableName: "customers",
      featureNames: ["recency", "frequency", "monetary"], labels: labels, sizes: sizes,
      centroidsScaled: scaled, centroidsOriginal: scaled.map { $0 * 100 + 500 }, seed: 42)
    model.names = names
    ws.model = model
    ws.variables["asof"] = .date(DateValue(parsing: asof) ?? DateValue(secondsSinceEpoch: 0))
    ws.parameterNames = ["asof"]
    return ws
  }

  /// October: customers 1–6; 1, 2, 3 are Champions (cluster 0), 4, 5, 6 At Risk (cluster 1).
  static let october = session(
    ids: [1, 2, 3, 4, 5, 6], labels: [0, 0, 0, 1, 1, 1], names: ["Champions", "At Risk"],
    scaled: [-1, 1, 1, 1, -1, -1], asof: "2011-10-01")

  /// November: customer 1 left, 7 arrived; k-means numbered the clusters the other way round and
  /// `name` gave them placeholder names; customer 3 slipped to the At Risk kind.
  static let november = session(
    ids: [2, 3, 4, 5, 6, 7], labels: [1, 0, 0, 0, 0, 1], names: ["Cluster 0", "Cluster 1"],
    scaled: [0.9, -1.1, -0.9, -1.05, 1.1, 1.0])

  /// Runs `text` on `workspace` with `host`, returning the outcome and the final session.
  func run(_ text: String, on workspace: Workspace, host: MemoryHost) -> (RunOutcome, Workspace) {
    let source = SourceFile(name: "refresh.seg", text: text)
    let compilation = Compilation(source, registry: .standard)
    #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
    var ws = workspace
    let outcome = Interpreter(host: host).run(compilation.script, source: source, workspace: &ws)
    if case .stopped(let e) = outcome { host.report(e.diagnostic, in: source) }
    return (outcome, ws)
  }

  @Test func namesFollowTheSameKindOfCustomerAndMigrationIsCounted() throws {
    let host = MemoryHost()
    let (first, _) = run("save \"h.db\"", on: Self.october, host: host)
    #expect(first == .completed)
    let (second, ws) = run(
      "save \"h.db\"\ncompare\nassert moved(\"Champions\", \"At Risk\") < 40%", on: Self.november,
      host: host)
    // Cluster 0 now holds the At Risk kind, cluster 1 the Champions kind.
    #expect(ws.model?.names == ["At Risk", "Champions"])
    let c = try #require(ws.comparison)
    #expect(c.previousSegments == ["Champions", "At Risk"])
    // Columns follow the rows' names, so the diagonal holds the customers who stayed.
    #expect(c.currentSegments == ["Champions", "At Risk"])
    #expect(c.currentClusters == [1, 0] && c.previousClusters == [0, 1] && c.sharedCount == 2)
    // Stayers 2…6: 2 Champions→Champions, 3 Champions→At Risk, 4, 5 At Risk→At Risk,
    // 6 At Risk→At Risk.
    #expect(c.counts == [1, 1, 0, 3])
    #expect(c.left == [1, 0])
    #expect(c.arrived == [1, 0])
    #expect(c.arrivedCustomers == ["7"])
    #expect(c.leftCustomers == ["1"])
    // moved = 1 of the 2 Champions who stayed: 50% ≥ 40%, so the assert fails (exit status 3).
    let failure = try #require(stoppedError(second))
    #expect(failure.kind == .assertion)
    #expect(host.output.contains("names matched to run 1"))
    #expect(host.output.contains("compare: run 1 (as of 2011-10-01) → run 2 (as of 2011-11-01)"))
    #expect(host.output.contains("customers: 5 in both runs, 1 arrived, 1 left"))
  }

  /// Issue 16, item 18: revenue in `compare` is money like everywhere else.
  @Test func compareRevenueIsInPoundsWithThousandsGrouped() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let (outcome, _) = run("save \"h.db\"\ncompare", on: Self.november, host: host)
    #expect(outcome == .completed)
    let changes = try #require(host.output.components(separatedBy: "segment changes\n").last)
    // October's revenue: Champions 100 + 200 + 300, At Risk 400 + 500 + 600.
    let lines = changes.split(separator: "\n")
    let champions = try #require(lines.first { $0.hasPrefix("Champions") })
    #expect(champions.contains("£600"), "\(champions)")
    #expect(!changes.contains(".0 ") && !changes.contains(".5 "))
    let atRisk = try #require(lines.first { $0.hasPrefix("At Risk") })
    #expect(atRisk.contains("£1,500"), "\(atRisk)")
  }

  @Test func compareOnTheFirstRunSaysThereIsNothingToCompareAndSucceeds() {
    let host = MemoryHost()
    let (outcome, ws) = run("save \"h.db\"\ncompare", on: Self.october, host: host)
    #expect(outcome == .completed)
    #expect(ws.comparison == nil)
    #expect(
      host.output.hasSuffix(
        "compare: run 1 (as of 2011-10-01) is the first run in 'h.db'; there is nothing to "
          + "compare it with yet\n"))
  }

  @Test func movedAfterTheFirstRunNamesTheReason() throws {
    let host = MemoryHost()
    let text = "save \"h.db\"\ncompare\nassert moved(\"Champions\", \"At Risk\") < 5%"
    let (outcome, _) = run(text, on: Self.october, host: host)
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .noComparison)
    #expect(e.kind == .failure)
    #expect(e.diagnostic.message.hasPrefix("no previous run: run 1 is the first run in 'h.db'"))
    let moved = try #require(text.range(of: "moved("))
    #expect(
      e.diagnostic.range.start == text.utf8.distance(from: text.startIndex, to: moved.lowerBound))
  }

  @Test func movedWithoutCompareAsksForCompare() throws {
    let (outcome, _) = run(
      "assert moved(\"Champions\", \"At Risk\") < 5%", on: Self.october, host: MemoryHost())
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .noComparison)
    #expect(e.diagnostic.message == "no comparison yet")
    #expect(
      e.diagnostic.notes.map(\.message).joined().contains("save \"history.db\", then compare"))
  }

  @Test func movedToAnUnknownSegmentSuggestsTheNearestName() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let (outcome, _) = run(
      "save \"h.db\"\ncompare\necho moved(\"Champions\", \"At Risc\")", on: Self.november,
      host: host)
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .unknownSegment)
    #expect(e.diagnostic.message.hasPrefix("run 2 has no segment 'At Risc'"))
    #expect(e.diagnostic.fixIt?.replacement == "\"At Risk\"")
  }

  @Test func movedWithAnUnknownSegmentInAnAssertIsAFailedCheckListingTheSegments() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let (outcome, _) = run(
      "save \"h.db\"\ncompare\nassert moved(\"Loyal\", \"At Risk\") < 5%", on: Self.november,
      host: host)
    let e = try #require(stoppedError(outcome))
    #expect(e.kind == .assertion)  // exit status 3, like any failed check
    #expect(e.diagnostic.id == .unknownSegment)
    #expect(
      e.diagnostic.message
        == "assertion failed: run 1 has no segment 'Loyal' (it has 'Champions', 'At Risk')")
  }

  @Test func keptShareIsTheShareOfCustomersInBothRunsWhoKeptTheirSegment() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    // Stayers 2…6: 2 Champions→Champions, 3 Champions→At Risk, 4, 5, 6 At Risk→At Risk.
    let (outcome, ws) = run(
      "save \"h.db\"\ncompare\nassert kept_share >= 80%\nassert kept_share < 81%", on: Self.november,
      host: host)
    #expect(outcome == .completed)
    #expect(ws.comparison?.keptCount == 4)
    #expect(ws.comparison?.keptShare == 0.8)
    let (before, _) = run("echo kept_share", on: Self.october, host: MemoryHost())
    #expect(stoppedError(before)?.diagnostic.id == .unavailable)
  }

  @Test func savingTheSameAsofAndInputAgainReplacesTheRepeatedRun() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let text = "save \"h.db\"\ncompare"
    let (_, first) = run(text, on: Self.november, host: host)
    // A scheduler's retry: the same as-of date and input again.
    let (retry, again) = run(text, on: Self.november, host: host)
    #expect(retry == .completed)
    #expect(host.output.contains("replaced: run 2 (saved 2011-12-10 06:00:00 UTC), as of the same"))
    let store = try host.openHistory(atPath: "h.db", createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1, 3])
    // The retry compares with run 1, as the first attempt did, never with itself.
    let c = try #require(again.comparison)
    #expect(c.previousRunID == 1 && c.currentRunID == 3)
    #expect(c.counts == first.comparison?.counts)
    #expect(again.model?.names == ["At Risk", "Champions"])
  }

  @Test func saveReplaceFalseRefusesARepeatedRun() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let (outcome, _) = run("save \"h.db\" replace=false", on: Self.october, host: host)
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .repeatedRun)
    #expect(e.kind == .failure)
    #expect(
      e.diagnostic.message
        == "run 1 of 'h.db' is already as of 2011-10-01 from the same input; saving it again "
        + "would make compare relate the run to itself")
    let store = try host.openHistory(atPath: "h.db", createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1])
  }

  @Test func aRepeatOfARunWithLaterRunsIsRefused() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    _ = run("save \"h.db\"", on: Self.november, host: host)
    let (outcome, _) = run("save \"h.db\"", on: Self.october, host: host)
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .repeatedRun)
    #expect(e.diagnostic.message.contains("and run 2 came after it"))
    let store = try host.openHistory(atPath: "h.db", createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1, 2])
  }

  @Test func compareWithAGivenRunAndRunsListing() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    _ = run("save \"h.db\"", on: Self.november, host: host)
    let (outcome, ws) = run(
      "compare run=1 from=\"h.db\"\nruns format=csv", on: Workspace(), host: host)
    #expect(outcome == .completed)
    #expect(ws.comparison?.previousRunID == 1)
    #expect(ws.comparison?.currentRunID == 2)
    #expect(
      host.output.hasSuffix(
        """
        run,saved (UTC),asof,method,k,customers,input,seg
        1,2011-12-10 06:00:00,2011-10-01,kmeans,2,6,,\(SegVersion.string)
        2,2011-12-10 06:00:00,2011-11-01,kmeans,2,6,,\(SegVersion.string)

        """))
    let (bad, _) = run("compare run=9 from=\"h.db\"", on: Workspace(), host: host)
    #expect(stoppedError(bad)?.diagnostic.id == .noSuchRun)
    let (same, _) = run("compare run=2 from=\"h.db\"", on: Workspace(), host: host)
    #expect(stoppedError(same)?.diagnostic.id == .invalidValue)
  }

  @Test func savingWithoutASegmentationExplainsWhatToRunFirst() throws {
    let (outcome, _) = run("save \"h.db\"", on: Workspace(), host: MemoryHost())
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .unavailable)
    #expect(e.diagnostic.message == "there are no clusters yet")
    #expect(e.diagnostic.notes.map(\.message) == ["run cluster first, e.g. cluster k=4"])
  }

  @Test func aHistoryThatDoesNotExistOrIsNotAHistoryIsAnError() throws {
    let host = MemoryHost(files: ["orders.csv": "a,b\n1,2\n"])
    let (missing, _) = run("runs", on: Workspace(), host: host)
    #expect(stoppedError(missing)?.diagnostic.id == .fileError)
    #expect(stoppedError(missing)?.diagnostic.message == "no history file 'history.db'")
    let (csv, _) = run("compare from=\"orders.csv\"", on: Workspace(), host: host)
    #expect(stoppedError(csv)?.diagnostic.id == .notAHistory)
    #expect(stoppedError(csv)?.diagnostic.message.contains("'orders.csv'") == true)
  }

  @Test func aSaveThatFailsHalfwayStoresNothing() throws {
    struct Interrupted: Error {}
    let host = MemoryHost(historySaveHook: { progress in
      if progress.runID == 2 { throw Interrupted() }
    })
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let (outcome, ws) = run("save \"h.db\"", on: Self.november, host: host)
    #expect(stoppedError(outcome)?.diagnostic.id == .historyError)
    #expect(ws.savedRun == nil)
    let store = try host.openHistory(atPath: "h.db", createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1])
  }

  @Test func theSavedRunRecordsProvenanceAndParameters() throws {
    let host = MemoryHost()
    _ = run("save \"h.db\"", on: Self.october, host: host)
    let store = try host.openHistory(atPath: "h.db", createIfMissing: false)
    let stored = try store.run(id: 1).record
    #expect(stored.createdAt == MemoryHost.defaultTime)
    #expect(stored.asof == "2011-10-01")
    #expect(stored.script == "save \"h.db\"")
    #expect(stored.parameters == ["asof": "2011-10-01"])
    #expect(stored.seed == 42)
    #expect(stored.method == "kmeans")
    #expect(stored.segmentNames == ["Champions", "At Risk"])
    #expect(stored.customers.ids == ["1", "2", "3", "4", "5", "6"])
    #expect(stored.customers.revenue == [100, 200, 300, 400, 500, 600])
    #expect(stored.segments[1].scaledCentroid == [1, -1, -1])
  }

  @Test func firstrunSkipsTheMigrationCheckOnTheFirstRunOnly() throws {
    let host = MemoryHost()
    let text = "save \"h.db\"\ncompare\nassert firstrun or moved(\"Champions\", \"At Risk\") < 40%"
    let (first, ws) = run(text, on: Self.october, host: host)
    #expect(first == .completed)
    #expect(ws.isFirstRun == true)
    let (second, next) = run(text, on: Self.november, host: host)
    #expect(next.isFirstRun == false)
    #expect(stoppedError(second)?.kind == .assertion)
    let (before, _) = run("echo firstrun", on: Self.october, host: host)
    #expect(stoppedError(before)?.diagnostic.id == .unavailable)
  }

  @Test(arguments: [
    ("echo (true or 1 / 0 > 1)", "true\n"),
    ("echo (false and 1 / 0 > 1)", "false\n"),
    ("echo (false or 2 > 1)", "true\n"),
  ])
  func aDecidingLeftSideSkipsTheRightSide(text: String, output: String) {
    let host = MemoryHost()
    let (outcome, _) = run(text, on: Workspace(), host: host)
    #expect(outcome == .completed)
    #expect(host.output == output)
  }

  @Test func aRightSideThatMattersIsStillEvaluated() {
    let (outcome, _) = run("echo (true and 1 / 0 > 1)", on: Workspace(), host: MemoryHost())
    #expect(stoppedError(outcome)?.diagnostic.id == .divisionByZero)
  }

  @Test func movedNeedsSegmentNames() throws {
    let (outcome, _) = run("echo moved(\"Champions\", 3)", on: Workspace(), host: MemoryHost())
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.id == .typeError)
    #expect(e.diagnostic.message == "moved needs a segment name, but this is a number")
    #expect(e.diagnostic.range.start == 24)
  }
}
