/// Customer migration between two runs: who stayed in which segment, who arrived, who left, and
/// how each segment's size and revenue changed.
///
/// Definitions (also in `docs/refresh.md`):
/// - Customers are matched between runs by id. A *stayer* is in both runs, an *arrival* only in
///   the current run, a *leaver* only in the previous run.
/// - ``counts`` is the migration matrix over stayers: row = previous segment, column = current
///   segment. Rows and columns are in one order, so the customers who kept their segment are on
///   the diagonal: first the names both runs have, in the previous run's cluster order, then the
///   previous run's vanished segments (rows only) and the current run's new ones (columns only),
///   each in cluster order. ``previousClusters`` and ``currentClusters`` give each row's and
///   column's cluster.
/// - For every previous segment `i`: `rowTotal(i) + left[i]` is its size in the previous run.
///   For every current segment `j`: the column total plus `arrived[j]` is its current size.
/// - ``share(from:to:)`` (the language's `moved(from, to)`) is the count divided by the row
///   total: the share of the previous segment's stayers who are now in the target segment. A
///   row with no stayers has share 0 everywhere.
public struct RunComparison: Sendable, Equatable {
  /// The earlier run.
  public var previousRunID: Int
  /// The later run.
  public var currentRunID: Int
  /// Row labels: the previous run's segment names; shared names first (see the type's summary).
  public var previousSegments: [String]
  /// Column labels: the current run's segment names; row `i` and column `i` have the same name
  /// for every `i` below ``sharedCount``.
  public var currentSegments: [String]
  /// The previous run's cluster of each row.
  public var previousClusters: [Int]
  /// The current run's cluster of each column.
  public var currentClusters: [Int]
  /// How many names both runs have: the first rows and columns, on the diagonal.
  public var sharedCount: Int
  /// Stayer counts, row-major `previousSegments.count × currentSegments.count`.
  public var counts: [Int]
  /// Leavers per previous segment.
  public var left: [Int]
  /// Arrivals per current segment.
  public var arrived: [Int]
  /// Ids of the customers only in the current run, in its customer order.
  public var arrivedCustomers: [String]
  /// Ids of the customers only in the previous run, in its customer order.
  public var leftCustomers: [String]
  /// Size and revenue changes: previous segments in row order, then the segments new in the
  /// current run, in column order.
  public var changes: [SegmentChange]

  /// Compares two runs.
  ///
  /// Both records must be valid (``RunRecord/validated()``; runs read from a ``HistoryStore``
  /// are). Customers in one run are matched to the other by id.
  ///
  /// - Parameters:
  ///   - previous: The earlier run.
  ///   - previousID: Its id.
  ///   - current: The later run.
  ///   - currentID: Its id.
  /// - Complexity: O(n) expected, n = customers in both runs.
  public init(previous: RunRecord, previousID: Int, current: RunRecord, currentID: Int) {
    previousRunID = previousID
    currentRunID = currentID
    let order = Self.order(previous: previous.segmentNames, current: current.segmentNames)
    previousClusters = order.rows
    currentClusters = order.columns
    sharedCount = order.shared
    previousSegments = order.rows.map { previous.segmentNames[$0] }
    currentSegments = order.columns.map { current.segmentNames[$0] }
    // Position of each cluster in the matrix.
    var rowOf = [Int](repeating: 0, count: previous.segmentNames.count)
    for (i, c) in order.rows.enumerated() { rowOf[c] = i }
    var columnOf = [Int](repeating: 0, count: current.segmentNames.count)
    for (j, c) in order.columns.enumerated() { columnOf[c] = j }
    let rows = previousSegments.count
    let columns = currentSegments.count
    var counts = [Int](repeating: 0, count: rows * columns)
    var left = [Int](repeating: 0, count: rows)
    var arrived = [Int](repeating: 0, count: columns)
    var currentCluster: [String: Int] = [:]
    currentCluster.reserveCapacity(current.customers.count)
    for (id, c) in zip(current.customers.ids, current.customers.clusters) {
      currentCluster[id] = columnOf[c]
    }
    var previousIDs: Set<String> = []
    previousIDs.reserveCapacity(previous.customers.count)
    var leftCustomers: [String] = []
    for (id, cluster) in zip(previous.customers.ids, previous.customers.clusters) {
      let p = rowOf[cluster]
      previousIDs.insert(id)
      if let c = currentCluster[id] {
        counts[p * columns + c] += 1
      } else {
        left[p] += 1
        leftCustomers.append(id)
      }
    }
    var arrivedCustomers: [String] = []
    for (id, c) in zip(current.customers.ids, current.customers.clusters)
    where !previousIDs.contains(id) {
      arrived[columnOf[c]] += 1
      arrivedCustomers.append(id)
    }
    self.counts = counts
    self.left = left
    self.arrived = arrived
    self.arrivedCustomers = arrivedCustomers
    self.leftCustomers = leftCustomers

    let before = order.rows.map { previous.profiles[$0] }
    let after = order.columns.map { current.profiles[$0] }
    let afterByName = Dictionary(uniqueKeysWithValues: after.map { ($0.name, $0) })
    let beforeNames = Set(before.map(\.name))
    var changes = before.map { p in
      let a = afterByName[p.name]
      return SegmentChange(
        name: p.name, previousSize: p.size, currentSize: a?.size ?? 0, previousRevenue: p.revenue,
        currentRevenue: a?.revenue ?? 0, inPrevious: true, inCurrent: a != nil)
    }
    for a in after where !beforeNames.contains(a.name) {
      changes.append(
        SegmentChange(
          name: a.name, previousSize: 0, currentSize: a.size, previousRevenue: 0,
          currentRevenue: a.revenue, inPrevious: false, inCurrent: true))
    }
    self.changes = changes
  }

  /// The matrix order: the clusters of the rows and of the columns, and how many leading rows
  /// and columns share their name (see the type's summary).
  static func order(previous: [String], current: [String]) -> (
    rows: [Int], columns: [Int], shared: Int
  ) {
    var rows: [Int] = []
    var columns: [Int] = []
    var taken = Set<Int>()
    for (p, name) in previous.enumerated() {
      if let c = current.indices.first(where: { current[$0] == name && !taken.contains($0) }) {
        rows.append(p)
        columns.append(c)
        taken.insert(c)
      }
    }
    let shared = rows.count
    let sharedRows = Set(rows)
    rows += previous.indices.filter { !sharedRows.contains($0) }
    columns += current.indices.filter { !taken.contains($0) }
    return (rows, columns, shared)
  }

  /// Customers present in both runs.
  public var stayerCount: Int { counts.reduce(0, +) }

  /// Customers in both runs who are in a segment of the same name in both: the diagonal.
  public var keptCount: Int {
    (0..<sharedCount).reduce(0) { $0 + counts[$1 * currentSegments.count + $1] }
  }

  /// ``keptCount`` as a share of the customers in both runs, in [0, 1]; 1 when there are none
  /// (nobody changed segment). The language's `kept`.
  public var keptShare: Double {
    let total = stayerCount
    return total == 0 ? 1 : Double(keptCount) / Double(total)
  }

  /// The number of stayers who were in previous segment `row` (a row total of ``counts``).
  public func rowTotal(_ row: Int) -> Int {
    let columns = currentSegments.count
    return counts[row * columns..<(row + 1) * columns].reduce(0, +)
  }

  /// The matrix as row shares: `counts[i][j] / rowTotal(i)`, 0 for a row with no stayers.
  public var rowShares: [Double] {
    let columns = currentSegments.count
    var shares = [Double](repeating: 0, count: counts.count)
    for i in previousSegments.indices {
      let total = rowTotal(i)
      guard total > 0 else { continue }
      for j in 0..<columns {
        shares[i * columns + j] = Double(counts[i * columns + j]) / Double(total)
      }
    }
    return shares
  }

  /// The share of the stayers of previous segment `from` who are in current segment `to`, in
  /// [0, 1]; the language's `moved(from, to)`.
  ///
  /// 0 when `from` has no stayers (everyone left or it was empty).
  /// - Throws: ``HistoryError/Code/unknownSegment`` when `from` is not a segment of the previous
  ///   run or `to` is not a segment of the current run.
  public func share(from: String, to: String) throws(HistoryError) -> Double {
    guard let i = previousSegments.firstIndex(of: from) else {
      throw HistoryError(
        .unknownSegment,
        "run \(previousRunID) has no segment '\(from)'" + Self.listing(previousSegments))
    }
    guard let j = currentSegments.firstIndex(of: to) else {
      throw HistoryError(
        .unknownSegment,
        "run \(currentRunID) has no segment '\(to)'" + Self.listing(currentSegments))
    }
    let total = rowTotal(i)
    return total == 0 ? 0 : Double(counts[i * currentSegments.count + j]) / Double(total)
  }

  private static func listing(_ names: [String]) -> String {
    " (it has " + names.map { "'\($0)'" }.joined(separator: ", ") + ")"
  }
}
