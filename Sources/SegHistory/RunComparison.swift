/// Customer migration between two runs: who stayed in which segment, who arrived, who left, and
/// how each segment's size and revenue changed.
///
/// Definitions (also in `docs/refresh.md`):
/// - Customers are matched between runs by id. A *stayer* is in both runs, an *arrival* only in
///   the current run, a *leaver* only in the previous run.
/// - ``counts`` is the migration matrix over stayers: row = previous segment (previous cluster
///   order), column = current segment (current cluster order).
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
  /// Row labels: the previous run's segment names, by its cluster.
  public var previousSegments: [String]
  /// Column labels: the current run's segment names, by its cluster.
  public var currentSegments: [String]
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
  /// Size and revenue changes: previous segments in previous order, then the segments new in
  /// the current run, in current order.
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
    previousSegments = previous.segmentNames
    currentSegments = current.segmentNames
    let rows = previousSegments.count
    let columns = currentSegments.count
    var counts = [Int](repeating: 0, count: rows * columns)
    var left = [Int](repeating: 0, count: rows)
    var arrived = [Int](repeating: 0, count: columns)
    var currentCluster: [String: Int] = [:]
    currentCluster.reserveCapacity(current.customers.count)
    for (id, c) in zip(current.customers.ids, current.customers.clusters) {
      currentCluster[id] = c
    }
    var previousIDs: Set<String> = []
    previousIDs.reserveCapacity(previous.customers.count)
    var leftCustomers: [String] = []
    for (id, p) in zip(previous.customers.ids, previous.customers.clusters) {
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
      arrived[c] += 1
      arrivedCustomers.append(id)
    }
    self.counts = counts
    self.left = left
    self.arrived = arrived
    self.arrivedCustomers = arrivedCustomers
    self.leftCustomers = leftCustomers

    let before = previous.profiles
    let after = current.profiles
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

  /// Customers present in both runs.
  public var stayerCount: Int { counts.reduce(0, +) }

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
