internal import GRDB

extension HistoryStore {
  /// Saves a run in one transaction and returns its id and its matching to the previous run.
  ///
  /// The matching (``SegmentMatcher``) is computed inside the same transaction against the
  /// latest run in the file, and stored with the run; it does not rename anything: names are
  /// the caller's, typically from ``matchLatest(for:threshold:)`` and
  /// ``SegmentMatching/names(fallback:)`` before saving.
  ///
  /// - Parameters:
  ///   - run: The run; validated first (``RunRecord/validated()``).
  ///   - threshold: The largest centroid distance (scaled units) that keeps a name.
  ///   - replacing: A run to delete in the same transaction, before matching: the latest run,
  ///     when this run repeats it (``repeatedRun(of:)``). Its id is not reused.
  ///   - duringSave: A test hook called once inside the write transaction after half of the
  ///     customer rows are written. If it throws, the transaction rolls back and the error is
  ///     rethrown (as ``HistoryError/Code/database`` unless it is a ``HistoryError``); if it
  ///     kills the process (`abort()`), SQLite rolls the partial write back when the file is
  ///     next opened.
  /// - Returns: The new run's id and matching.
  /// - Throws: ``HistoryError/Code/invalidRun`` for an inconsistent run or a threshold that is
  ///   negative or not finite, ``HistoryError/Code/noSuchRun`` when `replacing` is not the latest
  ///   run, ``HistoryError/Code/database`` when the write fails.
  /// - Complexity: O(customers × features).
  public func save(
    _ run: RunRecord, threshold: Double = SegmentMatcher.defaultThreshold, replacing: Int? = nil,
    duringSave: (@Sendable (SaveProgress) throws -> Void)? = nil
  ) throws(HistoryError) -> SavedRun {
    let run = try run.validated()
    try Self.check(threshold: threshold)
    let path = path
    do {
      return try queue.write { db in
        if let replacing {
          let latest = try Int.fetchOne(db, sql: "SELECT max(id) FROM run")
          guard latest == replacing else {
            throw HistoryError(
              .noSuchRun, "run \(replacing) is not the latest run of '\(path)'; only that is replaced")
          }
          try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [replacing])
        }
        let matching = try Self.matchLatest(
          db, featureNames: run.featureNames,
          scaledCentroids: run.segments.flatMap(\.scaledCentroid), threshold: threshold)
        let id = try Self.insert(run, matching: matching, db, duringSave: duringSave)
        return SavedRun(id: id, matching: matching)
      }
    } catch {
      throw Self.translate(error, path: path, doing: "save to")
    }
  }

  /// How the clusters of `run` match the latest run in the file, without saving anything.
  ///
  /// Use it to name a new run's segments before saving: `matching.names(fallback: autoNames)`.
  /// With `excluding`, the run that `save(_:threshold:replacing:)` will replace is left out, so
  /// the names match the run before it.
  /// - Throws: ``HistoryError/Code/invalidRun`` for a bad threshold or a run whose centroids are
  ///   not finite; ``HistoryError/Code/database`` when reading fails.
  public func matchLatest(
    for run: RunRecord, threshold: Double = SegmentMatcher.defaultThreshold, excluding: Int? = nil
  ) throws(HistoryError) -> SegmentMatching {
    try matchLatest(
      featureNames: run.featureNames, scaledCentroids: run.segments.flatMap(\.scaledCentroid),
      threshold: threshold, excluding: excluding)
  }

  /// The run that `run` repeats: a run of the file with the same as-of date and the same input
  /// (SHA-256), the latest such run; nil when there is none.
  ///
  /// Saving the same as-of date and input twice (a scheduler's retry) would make `compare`
  /// relate the run to itself; `save` replaces the repeated run instead, or refuses.
  /// - Throws: ``HistoryError/Code/database`` when reading fails.
  public func repeatedRun(of run: RunRecord) throws(HistoryError) -> RunSummary? {
    let id = try read { db in
      try Int.fetchOne(
        db, sql: "SELECT max(id) FROM run WHERE asof = ? AND input_sha256 = ?",
        arguments: [run.asof, run.inputSHA256])
    }
    guard let id else { return nil }
    return try runs().first { $0.id == id }
  }

  /// How new clusters, given by their scaled centroids, match the latest run in the file.
  ///
  /// - Parameters:
  ///   - featureNames: The features, in the order of the centroid values. The previous run's
  ///     centroids are aligned by name; if its feature set differs, every cluster is `new`.
  ///   - scaledCentroids: Row-major `k × featureNames.count`, finite.
  ///   - threshold: The largest distance that keeps a name.
  /// - Returns: The matching; every cluster `new` with `previousRunID == nil` when the file
  ///   has no run yet.
  /// - Throws: ``HistoryError/Code/invalidRun`` for a bad threshold or centroids that are not
  ///   finite or not `featureNames.count` per cluster; ``HistoryError/Code/database`` when
  ///   reading fails.
  public func matchLatest(
    featureNames: [String], scaledCentroids: [Double],
    threshold: Double = SegmentMatcher.defaultThreshold, excluding: Int? = nil
  ) throws(HistoryError) -> SegmentMatching {
    try Self.check(threshold: threshold)
    guard !featureNames.isEmpty, scaledCentroids.count % featureNames.count == 0,
      scaledCentroids.allSatisfy(\.isFinite)
    else {
      throw HistoryError(
        .invalidRun, "the centroids must be finite, \(featureNames.count) values per cluster")
    }
    return try read { db in
      try Self.matchLatest(
        db, featureNames: featureNames, scaledCentroids: scaledCentroids, threshold: threshold,
        excluding: excluding)
    }
  }

  private static func check(threshold: Double) throws(HistoryError) {
    guard threshold.isFinite, threshold >= 0 else {
      throw HistoryError(.invalidRun, "the matching threshold must be a finite number ≥ 0")
    }
  }

  static func matchLatest(
    _ db: Database, featureNames: [String], scaledCentroids: [Double], threshold: Double,
    excluding: Int? = nil
  ) throws -> SegmentMatching {
    let k = scaledCentroids.count / featureNames.count
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, features FROM run WHERE id != ? ORDER BY id DESC LIMIT 1",
        arguments: [excluding ?? -1])
    else { return SegmentMatcher.unmatched(k: k, threshold: threshold) }
    let previousID: Int = try row.decode(forColumn: "id")
    let previousFeatures = try decodeStrings(
      row.decode(forColumn: "features"), what: "the features of run \(previousID)")
    let segments = try Row.fetchAll(
      db, sql: "SELECT name, scaled_centroid FROM segment WHERE run_id = ? ORDER BY cluster",
      arguments: [previousID])
    let names = try segments.map { try $0.decode(String.self, forColumn: "name") }
    guard Set(previousFeatures) == Set(featureNames), previousFeatures.count == featureNames.count
    else {
      return SegmentMatcher.unmatched(
        k: k, threshold: threshold, previousRunID: previousID, previousNames: names)
    }
    // Reorder the previous centroids into the new feature order.
    let order = featureNames.compactMap { previousFeatures.firstIndex(of: $0) }
    var previous: [Double] = []
    previous.reserveCapacity(names.count * featureNames.count)
    for segment in segments {
      let centroid = try decodeNumbers(
        segment.decode(forColumn: "scaled_centroid"), count: previousFeatures.count,
        what: "a centroid of run \(previousID)")
      previous.append(contentsOf: order.map { centroid[$0] })
    }
    guard previous.allSatisfy(\.isFinite) else {
      throw DamagedHistory(what: "a centroid of run \(previousID)")
    }
    return SegmentMatcher.match(
      previousNames: names, previousCentroids: previous, currentCentroids: scaledCentroids,
      dimension: featureNames.count, threshold: threshold, previousRunID: previousID)
  }

  private static func insert(
    _ run: RunRecord, matching: SegmentMatching, _ db: Database,
    duringSave: (@Sendable (SaveProgress) throws -> Void)?
  ) throws -> Int {
    let d = run.featureNames.count
    let n = run.customers.count
    try db.execute(
      sql: """
        INSERT INTO run (created_at, asof, seg_version, script, script_sha256, input_file,
          input_sha256, seed, method, k, features, customers, previous_run_id, match_threshold)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        Timestamp.text(run.createdAt), run.asof, run.segVersion, run.script, run.scriptSHA256,
        run.inputFile, run.inputSHA256, String(run.seed), run.method, run.k,
        JSONArray.text(run.featureNames), n, matching.previousRunID, matching.threshold,
      ])
    let id = Int(db.lastInsertedRowID)
    let parameter = try db.makeStatement(
      sql: "INSERT INTO parameter (run_id, name, value) VALUES (?, ?, ?)")
    for name in run.parameters.keys.sorted() {
      try parameter.execute(arguments: [id, name, run.parameters[name]])
    }
    let segment = try db.makeStatement(
      sql: """
        INSERT INTO segment (run_id, cluster, name, size, revenue, centroid, scaled_centroid, means)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for (c, profile) in run.profiles.enumerated() {
      let s = run.segments[c]
      try segment.execute(arguments: [
        id, c, s.name, profile.size, profile.revenue, JSONArray.text(s.centroid),
        JSONArray.text(s.scaledCentroid), JSONArray.text(profile.means),
      ])
    }
    let customer = try db.makeStatement(
      sql: """
        INSERT INTO customer (run_id, customer, cluster, segment, features, revenue)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    let names = run.segmentNames
    let half = n / 2
    for i in 0..<n {
      if i == half, let duringSave {
        try duringSave(SaveProgress(runID: id, customersWritten: i, customerCount: n))
      }
      let c = run.customers.clusters[i]
      let revenue = run.customers.revenue[i]
      try customer.execute(arguments: [
        id, run.customers.ids[i], c, names[c],
        JSONArray.text(run.customers.features[i * d..<(i + 1) * d]),
        revenue.isNaN ? nil : revenue,
      ])
    }
    if n == 0, let duringSave {
      try duringSave(SaveProgress(runID: id, customersWritten: 0, customerCount: 0))
    }
    let match = try db.makeStatement(
      sql: """
        INSERT INTO segment_match (run_id, cluster, status, previous_cluster, previous_name,
          distance)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    for m in matching.matches {
      try match.execute(arguments: [
        id, m.cluster, m.status.rawValue, m.previousCluster, m.previousName, m.distance,
      ])
    }
    return id
  }

  /// The numbers of a stored JSON array, checked to have `count` values.
  static func decodeNumbers(_ text: String, count: Int, what: String) throws -> [Double] {
    guard let values = JSONArray.numbers(text), values.count == count else {
      throw DamagedHistory(what: what)
    }
    return values
  }

  /// The strings of a stored JSON array.
  static func decodeStrings(_ text: String, what: String) throws -> [String] {
    guard let values = JSONArray.strings(text) else { throw DamagedHistory(what: what) }
    return values
  }
}
