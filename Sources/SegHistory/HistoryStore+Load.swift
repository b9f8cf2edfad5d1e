import Foundation
internal import GRDB

extension HistoryStore {
  /// Every run in the file, oldest first (by id).
  ///
  /// - Throws: ``HistoryError/Code/database`` when reading fails.
  public func runs() throws(HistoryError) -> [RunSummary] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, created_at, asof, method, k, customers, input_file, seg_version
          FROM run ORDER BY id
          """
      ).map { row in
        let id: Int = try row.decode(forColumn: "id")
        return RunSummary(
          id: id, createdAt: try Self.date(row.decode(forColumn: "created_at"), run: id),
          asof: try row.decode(forColumn: "asof"), method: try row.decode(forColumn: "method"),
          k: try row.decode(forColumn: "k"), customerCount: try row.decode(forColumn: "customers"),
          inputFile: try row.decode(forColumn: "input_file"),
          segVersion: try row.decode(forColumn: "seg_version"))
      }
    }
  }

  /// The id of the latest run, or `nil` for an empty history.
  public func latestRunID() throws(HistoryError) -> Int? {
    try read { db in try Int.fetchOne(db, sql: "SELECT max(id) FROM run") }
  }

  /// Reads one run back: its record (customers in saved order) and its matching.
  ///
  /// - Throws: ``HistoryError/Code/noSuchRun`` when the file has no run `id`.
  /// - Complexity: O(customers × features).
  public func run(id: Int) throws(HistoryError) -> StoredRun {
    let path = path
    let found = try read { db in try Self.load(db, id: id) }
    guard let found else {
      let ids = (try? runs().map(\.id)) ?? []
      let known =
        ids.isEmpty
        ? "it has no runs" : "its runs are \(ids.first ?? 0)…\(ids.last ?? 0)"
      throw HistoryError(.noSuchRun, "'\(path)' has no run \(id) (\(known))")
    }
    return found
  }

  /// Compares two runs of the file.
  ///
  /// - Throws: ``HistoryError/Code/noSuchRun`` when either run is missing.
  public func compare(previous: Int, current: Int) throws(HistoryError) -> RunComparison {
    let before = try run(id: previous)
    let after = try run(id: current)
    return RunComparison(
      previous: before.record, previousID: previous, current: after.record, currentID: current)
  }

  /// Compares the latest run with the one saved before it; `.firstRun` when there is only one,
  /// `.noRuns` when the history is empty.
  public func compareLatest() throws(HistoryError) -> ComparisonOutcome {
    let ids = try read { db in
      try Int.fetchAll(db, sql: "SELECT id FROM run ORDER BY id DESC LIMIT 2")
    }
    switch ids.count {
    case 0: return .noRuns
    case 1: return .firstRun(runID: ids[0])
    default: return .compared(try compare(previous: ids[1], current: ids[0]))
    }
  }

  private static func date(_ text: String, run id: Int) throws -> Date {
    guard let date = Timestamp.date(text) else {
      throw DamagedHistory(what: "the time of run \(id)")
    }
    return date
  }

  private static func load(_ db: Database, id: Int) throws -> StoredRun? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id])
    else { return nil }
    let features = try decodeStrings(
      row.decode(forColumn: "features"), what: "run \(id)'s features")
    let d = features.count
    let seedText: String = try row.decode(forColumn: "seed")
    guard let seed = UInt64(seedText) else { throw DamagedHistory(what: "run \(id)'s seed") }
    var parameters: [String: String] = [:]
    for p in try Row.fetchAll(
      db, sql: "SELECT name, value FROM parameter WHERE run_id = ?", arguments: [id])
    {
      parameters[try p.decode(forColumn: "name")] = try p.decode(forColumn: "value")
    }
    let segmentRows = try Row.fetchAll(
      db,
      sql: "SELECT cluster, name, centroid, scaled_centroid FROM segment WHERE run_id = ? "
        + "ORDER BY cluster", arguments: [id])
    var segments: [RunSegment] = []
    for (c, s) in segmentRows.enumerated() {
      guard try s.decode(Int.self, forColumn: "cluster") == c else {
        throw DamagedHistory(what: "run \(id)'s segment list")
      }
      let what = "a centroid of run \(id)"
      segments.append(
        RunSegment(
          name: try s.decode(forColumn: "name"),
          centroid: try decodeNumbers(s.decode(forColumn: "centroid"), count: d, what: what),
          scaledCentroid: try decodeNumbers(
            s.decode(forColumn: "scaled_centroid"), count: d, what: what)))
    }
    let expected: Int = try row.decode(forColumn: "customers")
    var ids: [String] = []
    var values: [Double] = []
    var revenue: [Double] = []
    var clusters: [Int] = []
    ids.reserveCapacity(expected)
    values.reserveCapacity(expected * d)
    revenue.reserveCapacity(expected)
    clusters.reserveCapacity(expected)
    let cursor = try Row.fetchCursor(
      db,
      sql: "SELECT customer, cluster, features, revenue FROM customer WHERE run_id = ? "
        + "ORDER BY rowid", arguments: [id])
    while let c = try cursor.next() {
      ids.append(try c.decode(forColumn: "customer"))
      let cluster: Int = try c.decode(forColumn: "cluster")
      guard segments.indices.contains(cluster) else {
        throw DamagedHistory(what: "a customer's cluster in run \(id)")
      }
      clusters.append(cluster)
      values.append(
        contentsOf: try decodeNumbers(
          c.decode(forColumn: "features"), count: d, what: "a customer's features in run \(id)"))
      revenue.append(try c.decode(Double?.self, forColumn: "revenue") ?? .nan)
    }
    guard ids.count == expected else { throw DamagedHistory(what: "run \(id)'s customer list") }
    let record = RunRecord(
      createdAt: try date(row.decode(forColumn: "created_at"), run: id),
      asof: try row.decode(forColumn: "asof"), segVersion: try row.decode(forColumn: "seg_version"),
      script: try row.decode(forColumn: "script"),
      inputFile: try row.decode(forColumn: "input_file"),
      inputSHA256: try row.decode(forColumn: "input_sha256"), parameters: parameters, seed: seed,
      method: try row.decode(forColumn: "method"), featureNames: features, segments: segments,
      customers: RunCustomers(ids: ids, features: values, revenue: revenue, clusters: clusters))
    return StoredRun(
      id: id, record: record,
      matching: try loadMatching(
        db, id: id, run: row, k: segments.count, names: record.segmentNames))
  }

  private static func loadMatching(_ db: Database, id: Int, run: Row, k: Int, names: [String])
    throws -> SegmentMatching?
  {
    let rows = try Row.fetchAll(
      db,
      sql: "SELECT cluster, status, previous_cluster, previous_name, distance FROM segment_match "
        + "WHERE run_id = ? ORDER BY cluster", arguments: [id])
    guard !rows.isEmpty else { return nil }
    guard rows.count == k else { throw DamagedHistory(what: "run \(id)'s segment matching") }
    let matches = try rows.map { r -> SegmentMatch in
      guard let status = SegmentMatch.Status(rawValue: try r.decode(forColumn: "status")) else {
        throw DamagedHistory(what: "run \(id)'s segment matching")
      }
      return SegmentMatch(
        cluster: try r.decode(forColumn: "cluster"), status: status,
        previousCluster: try r.decode(forColumn: "previous_cluster"),
        previousName: try r.decode(forColumn: "previous_name"),
        distance: try r.decode(forColumn: "distance"))
    }
    let previousID: Int? = try run.decode(forColumn: "previous_run_id")
    let threshold: Double =
      try run.decode(Double?.self, forColumn: "match_threshold")
      ?? SegmentMatcher.defaultThreshold
    var previousNames: [String] = []
    if let previousID {
      previousNames = try String.fetchAll(
        db, sql: "SELECT name FROM segment WHERE run_id = ? ORDER BY cluster",
        arguments: [previousID])
    }
    let inherited = Set(matches.compactMap(\.inheritedName))
    return SegmentMatching(
      previousRunID: previousID, threshold: threshold,
      featuresDiffer: previousID != nil && matches.allSatisfy { $0.status == .new },
      matches: matches, vanished: previousNames.filter { !inherited.contains($0) })
  }
}
