import Foundation
import SegCore
import SegHistory
import Testing

@Suite struct RunRecordTests {
  /// A valid two-segment run with three customers; tests break one thing at a time.
  static func small() -> RunRecord {
    RunRecord(
      createdAt: Date(timeIntervalSince1970: 0), asof: "2011-12-10", segVersion: "0.1.0",
      script: "", inputFile: "in.csv", inputSHA256: "", parameters: [:], seed: 1,
      method: "kmeans", featureNames: ["recency", "monetary"],
      segments: [
        RunSegment(name: "A", centroid: [1, 2], scaledCentroid: [0, 0]),
        RunSegment(name: "B", centroid: [3, 4], scaledCentroid: [1, 1]),
      ],
      customers: RunCustomers(
        ids: ["1", "2", "3"], features: [1, 10, 3, .nan, 5, 30], revenue: [10, .nan, 30],
        clusters: [0, 0, 1]))
  }

  @Test func profilesSkipNaNAndCountSizes() {
    let p = Self.small().profiles
    #expect(p.map(\.size) == [2, 1])
    #expect(p.map(\.revenue) == [10, 30])
    #expect(p[0].means == [2, 10])
    #expect(p[1].means == [5, 30])
  }

  @Test func anEmptySegmentHasZeroSizeAndNaNMeans() {
    var run = Self.small()
    run.customers.clusters = [0, 0, 0]
    let empty = run.profiles[1]
    #expect(empty.size == 0 && empty.revenue == 0)
    #expect(empty.means.allSatisfy { $0.isNaN })
    #expect(
      empty == SegmentProfile(cluster: 1, name: "B", size: 0, revenue: 0, means: [.nan, .nan]))
  }

  @Test(arguments: [
    ("asof", "the as-of date '2011-12-32' is not a date of the form yyyy-MM-dd"),
    ("noFeatures", "a run needs at least one feature"),
    ("duplicateFeature", "feature names must be distinct"),
    ("noSegments", "a run needs at least one segment"),
    ("emptyName", "cluster 1 has an empty segment name"),
    ("duplicateName", "two clusters are both named 'A'"),
    ("shortCentroid", "the centroid of 'B' does not have 2 values"),
    ("nanCentroid", "the centroid of 'A' has a value that is not finite"),
    (
      "rows",
      "customer rows disagree: 3 ids, 6 feature values (2 per customer), 2 revenues, 3 clusters"
    ),
    ("cluster", "cluster 2 is outside 0..<2"),
    ("duplicateCustomer", "1 customer ids appear more than once"),
  ])
  func anInconsistentRunIsRefusedWithAReason(fault: String, message: String) {
    var run = Self.small()
    switch fault {
    case "asof": run.asof = "2011-12-32"
    case "noFeatures":
      run.featureNames = []
    case "duplicateFeature": run.featureNames = ["recency", "recency"]
    case "noSegments": run.segments = []
    case "emptyName": run.segments[1].name = ""
    case "duplicateName": run.segments[1].name = "A"
    case "shortCentroid": run.segments[1].centroid = [3]
    case "nanCentroid": run.segments[0].scaledCentroid = [.nan, 0]
    case "rows": run.customers.revenue = [1, 2]
    case "cluster": run.customers.clusters = [0, 2, 1]
    default: run.customers.ids = ["1", "2", "1"]
    }
    let error = #expect(throws: HistoryError.self) { try run.validated() }
    #expect(error == HistoryError(.invalidRun, message))
  }

  @Test func savingAnInvalidRunWritesNothing() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("h.db"))
    var run = Self.small()
    run.customers.clusters = [0, 5, 1]
    #expect(throws: HistoryError.self) { try store.save(run) }
    #expect(try store.runs().isEmpty)
    let bad = #expect(throws: HistoryError.self) { try store.save(Self.small(), threshold: -1) }
    #expect(bad?.code == .invalidRun)
  }

  @Test func customersComeFromATable() throws {
    let table = Table(columns: [
      Column(name: "CustomerID", data: .integer([17850, 13047])),
      Column(name: "recency", data: .integer([3, 40])),
      Column(name: "monetary", data: .decimal([5288.63, 3079.1])),
      Column(name: "cluster", data: .integer([1, 0])),
    ])
    let customers = try RunCustomers(
      table: table, customerColumn: "CustomerID", featureColumns: ["recency", "monetary"],
      revenueColumn: "monetary", clusterColumn: "cluster")
    #expect(customers.ids == ["17850", "13047"])
    #expect(customers.features == [3, 5288.63, 40, 3079.1])
    #expect(customers.revenue == [5288.63, 3079.1])
    #expect(customers.clusters == [1, 0])
  }

  @Test func aTableWithoutTheColumnIsRefused() {
    func make(ids: [String?], clusters: ColumnData, features: [String]) throws(HistoryError)
      -> RunCustomers
    {
      let table = Table(columns: [
        Column(name: "customer", data: .text(ids)),
        Column(name: "cluster", data: clusters),
      ])
      return try RunCustomers(
        table: table, customerColumn: "customer", featureColumns: features,
        revenueColumn: "cluster", clusterColumn: "cluster")
    }
    #expect(throws: HistoryError(.invalidRun, "the table has no column 'recency'")) {
      try make(ids: ["a", "b"], clusters: .integer([0, 1]), features: ["recency"])
    }
    #expect(throws: HistoryError(.invalidRun, "column 'customer' has a missing customer id")) {
      try make(ids: ["a", nil], clusters: .integer([0, 1]), features: [])
    }
    #expect(throws: HistoryError(.invalidRun, "column 'cluster' is not an integer column")) {
      try make(ids: ["a", "b"], clusters: .decimal([0, 1]), features: [])
    }
    #expect(throws: HistoryError(.invalidRun, "column 'cluster' has a missing cluster")) {
      try make(ids: ["a", "b"], clusters: .integer([0, Column.missingInteger]), features: [])
    }
  }
}
