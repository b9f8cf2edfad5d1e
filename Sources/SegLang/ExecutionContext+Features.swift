import SegCore

extension ExecutionContext {
  /// Whether inline charts may use colour: standard output is a terminal and `NO_COLOR` is unset
  /// or empty.
  var usesColor: Bool {
    host.isOutputTerminal && (host.environment("NO_COLOR") ?? "").isEmpty
  }

  /// The matrix the clustering commands work on.
  ///
  /// These are the current table's features after transform and scaling. Builds (and keeps) it from the table's columns when `transform`/`scale` have
  /// not run for this table; warns when the features are not scaled.
  ///
  /// - Throws: `no-table`, `empty-table`, and the feature errors (unknown or non-numeric column,
  ///   missing values) pointing at `range`.
  mutating func featureMatrix(at range: SourceRange, warnUnscaled: Bool = true) throws(RuntimeError)
    -> FeatureMatrix
  {
    let (table, what) = try Commands.nonEmptyTable(self, at: range)
    let ws = workspace
    let matrix: FeatureMatrix
    if let m = ws.features.matrix(of: ws.tableName, rows: table.rowCount) {
      matrix = m
    } else {
      var state = ws.features.recipe(for: ws.tableName)
      do {
        matrix = try state.build(table, named: ws.tableName, scaling: nil)
      } catch {
        throw SegmentationErrors.analysis(error, at: range, table: table, what: what)
      }
      workspace.features = state
    }
    if warnUnscaled, workspace.features.scaler == nil, matrix.cols > 1 {
      warn(
        "the features are not scaled, so the one with the largest range dominates the distances; run 'scale' first",
        at: range, id: .unscaledFeatures)
    }
    return matrix
  }

  /// The seed of a command: `seed=` when given, else the session's.
  func seed(_ arguments: CommandArguments) throws(RuntimeError) -> UInt64 {
    guard let s = arguments.int("seed") else { return workspace.seed }
    guard s >= 0 else {
      throw RuntimeError(
        .invalidValue, "the seed must be a whole number from 0 up", at: arguments.range(of: "seed"))
    }
    return UInt64(s)
  }

  /// `n_init=` (k-means restarts), checked.
  func restarts(_ arguments: CommandArguments, default value: Int = 10) throws(RuntimeError) -> Int
  {
    guard let n = arguments.int("n_init") else { return value }
    guard n >= 1 else {
      throw RuntimeError(
        .invalidValue, "n_init must be at least 1", at: arguments.range(of: "n_init"))
    }
    return n
  }

  /// Checks a k range against the rows: from 2 up to the row count.
  func checkRange(_ ks: ClosedRange<Int>, rows: Int, at range: SourceRange, what: String)
    throws(RuntimeError)
  {
    if ks.lowerBound < 2 {
      throw RuntimeError(
        .invalidClusterCount, "k must be at least 2, but the range starts at \(ks.lowerBound)",
        at: range
      ).withHelp("start the range at 2: 2..\(max(2, ks.upperBound))")
    }
    if ks.upperBound > rows {
      throw RuntimeError(
        .invalidClusterCount,
        "the range goes up to k=\(ks.upperBound), but there are only \(NumberFormatting.count(rows)) \(rows == 1 ? SegmentationErrors.singular(what) : what)",
        at: range
      ).withHelp(
        rows >= 2
          ? "end the range at \(min(rows, max(2, ks.upperBound))) or below"
          : "a segmentation needs at least 2 \(what)")
    }
  }
}
