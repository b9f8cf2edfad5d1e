public import SegCore

/// A run read back from a history file.
public struct StoredRun: Sendable, Equatable {
  /// The run id.
  public var id: Int
  /// Everything saved about the run.
  public var record: RunRecord
  /// How its clusters matched the run saved before it; `nil` for a run saved by a seg whose
  /// history schema predates matching (v1).
  public var matching: SegmentMatching?

  /// Creates a stored run.
  public init(id: Int, record: RunRecord, matching: SegmentMatching?) {
    self.id = id
    self.record = record
    self.matching = matching
  }

  /// The customer table: `customer` (text), one decimal column per feature (original units),
  /// `revenue` (decimal, NaN where unknown), `cluster` (integer) and `segment` (text), in the
  /// run's customer order.
  ///
  /// A feature named like one of the fixed columns gets the prefix `feature_` so names stay
  /// distinct.
  public var table: Table {
    let r = record
    let d = r.featureNames.count
    let n = r.customers.count
    let fixed: Set<String> = ["customer", "revenue", "cluster", "segment"]
    var columns = [Column(name: "customer", data: .text(r.customers.ids.map { Optional($0) }))]
    for (j, name) in r.featureNames.enumerated() {
      var values = [Double](repeating: 0, count: n)
      for i in 0..<n { values[i] = r.customers.features[i * d + j] }
      let unique = fixed.contains(name) ? "feature_\(name)" : name
      columns.append(Column(name: unique, data: .decimal(values)))
    }
    columns.append(Column(name: "revenue", data: .decimal(r.customers.revenue)))
    columns.append(
      Column(name: "cluster", data: .integer(r.customers.clusters.map { Int64($0) })))
    columns.append(
      Column(
        name: "segment",
        data: .category(
          codes: r.customers.clusters.map { UInt32($0) }, dictionary: r.segmentNames)))
    return Table(columns: columns)
  }
}
