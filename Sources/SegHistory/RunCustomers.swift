public import SegCore

/// Every customer of a run: id, feature values in original units, revenue and cluster.
///
/// Rows are parallel arrays in the run's customer order; ``features`` is one flat row-major
/// matrix, `features[i * d + j]` holding feature `j` of customer `i` (`d` is the run's number
/// of features). Feature values may be NaN (stored as `null`); revenue is the customer's total
/// spend in the period, which ``SegmentProfile/revenue`` sums per segment.
public struct RunCustomers: Sendable, Equatable {
  /// Customer ids, distinct within a run.
  public var ids: [String]
  /// Feature values, row-major, `ids.count × featureCount`, in original (unscaled) units.
  public var features: [Double]
  /// Each customer's revenue (NaN when unknown; a NaN adds nothing to a segment's revenue).
  public var revenue: [Double]
  /// Each customer's cluster, `0..<k`.
  public var clusters: [Int]

  /// Creates the customer rows of a run; ``RunRecord/validated()`` checks their consistency.
  public init(ids: [String], features: [Double], revenue: [Double], clusters: [Int]) {
    self.ids = ids
    self.features = features
    self.revenue = revenue
    self.clusters = clusters
  }

  /// The customer rows of `table`: ids from `customerColumn` (text, or integers written in
  /// decimal), features from `featureColumns` (numeric), revenue from `revenueColumn` (numeric)
  /// and clusters from `clusterColumn` (integer).
  ///
  /// - Throws: ``HistoryError/Code/invalidRun`` naming the first column that is missing or has
  ///   the wrong type, or a customer id or cluster number that is missing.
  public init(
    table: Table, customerColumn: String, featureColumns: [String], revenueColumn: String,
    clusterColumn: String
  ) throws(HistoryError) {
    func column(_ name: String) throws(HistoryError) -> Column {
      guard let c = table[name] else {
        throw HistoryError(.invalidRun, "the table has no column '\(name)'")
      }
      return c
    }
    func numbers(_ name: String) throws(HistoryError) -> [Double] {
      guard let values = try column(name).doubles else {
        throw HistoryError(.invalidRun, "column '\(name)' is not numeric")
      }
      return values
    }
    let n = table.rowCount
    let customer = try column(customerColumn)
    var ids: [String] = []
    ids.reserveCapacity(n)
    switch customer.data {
    case .integer(let v):
      for x in v {
        guard x != Column.missingInteger else {
          throw HistoryError(.invalidRun, "column '\(customerColumn)' has a missing customer id")
        }
        ids.append(String(x))
      }
    case .text, .category:
      for i in 0..<n {
        guard let id = customer.text(at: i) else {
          throw HistoryError(.invalidRun, "column '\(customerColumn)' has a missing customer id")
        }
        ids.append(id)
      }
    default:
      throw HistoryError(.invalidRun, "column '\(customerColumn)' is not text or integer")
    }
    let featureValues = try featureColumns.map { (name) throws(HistoryError) in try numbers(name) }
    var features = [Double](repeating: 0, count: n * featureColumns.count)
    for (j, values) in featureValues.enumerated() {
      for i in 0..<n { features[i * featureColumns.count + j] = values[i] }
    }
    guard case .integer(let rawClusters) = try column(clusterColumn).data else {
      throw HistoryError(.invalidRun, "column '\(clusterColumn)' is not an integer column")
    }
    var clusters: [Int] = []
    clusters.reserveCapacity(n)
    for c in rawClusters {
      guard c != Column.missingInteger, let value = Int(exactly: c) else {
        throw HistoryError(.invalidRun, "column '\(clusterColumn)' has a missing cluster")
      }
      clusters.append(value)
    }
    self.init(ids: ids, features: features, revenue: try numbers(revenueColumn), clusters: clusters)
  }

  /// The number of customers.
  public var count: Int { ids.count }

  /// Customer rows are equal when all fields are; a NaN value equals a NaN value.
  public static func == (a: RunCustomers, b: RunCustomers) -> Bool {
    a.ids == b.ids && a.clusters == b.clusters && Numbers.same(a.features, b.features)
      && Numbers.same(a.revenue, b.revenue)
  }
}
