import SegCharts
import SegCore

/// Turns the session's results (tables, sweeps, the fitted model, embeddings, the comparison)
/// into the plain chart inputs of SegCharts, for `plot` and `report`.
///
/// Conventions shared by every chart it builds:
///
/// - A segment's ``ChartSegment/index`` is its cluster label, so a segment has the same colour in
///   every chart; DBSCAN noise (`-1`) and customers set aside as outliers (`-2`) are grey.
/// - Segment names are the model's names (`name`), `Noise` and `Outliers`.
/// - Values are in original units: `transform` and `scale` never change the table's columns.
/// - Errors point at ``range`` (the chart kind, or the `report` command) and say which command
///   to run first.
struct ChartBuilder {
  /// The session.
  let workspace: Workspace
  /// Where errors point.
  let range: SourceRange

  /// The most rows a silhouette diagram computes exactly (O(rows²)); above, a seeded sample.
  static let silhouetteSampleLimit = ClusterValidity.defaultSilhouetteSampleLimit

  // MARK: Tables

  /// The current table, or a `no-table` error.
  func currentTable() throws(RuntimeError) -> Table {
    if let error = workspace.unmetStage(.table, at: range) { throw error }
    return workspace.table
  }

  /// The table called `name` (the current one when it has that name).
  func table(named name: String) -> Table? {
    name == workspace.tableName ? workspace.table : workspace.tables[name]
  }

  /// The customers set aside by the outlier filter of the current table, when there are any and
  /// they have the same columns: what `box` draws as "before" and `sizes` as `Outliers`.
  func setAside(for tableName: String?) -> Table? {
    guard let outliers = workspace.outliers, outliers.count > 0, let tableName,
      tableName == Workspace.customersTable || tableName == workspace.features.tableName,
      let removed = workspace.tables[Workspace.outliersTable], removed.rowCount > 0,
      let table = table(named: tableName),
      removed.columnNames == table.columnNames
    else { return nil }
    return removed
  }

  // MARK: Segments

  /// The fitted model's customers (outliers included), or an error saying to run `cluster`
  /// first.
  func segmented() throws(RuntimeError) -> SegmentedCustomers {
    try workspace.segmentedCustomers(at: range)
  }

  /// The segments of `s` in legend order (clusters, then noise and outliers when present); a
  /// segment's index is its label.
  static func segments(of s: SegmentedCustomers) -> [ChartSegment] {
    s.groups.map { ChartSegment(index: $0.label, name: $0.name) }
  }

  // MARK: Columns

  /// The feature columns a chart shows: `cols=` when given (each must be numeric), else the
  /// session's features that `table` has, else its numeric columns (at most six).
  func featureColumns(_ given: [String]?, in table: Table, givenAt: SourceRange)
    throws(RuntimeError)
    -> [String]
  {
    if let given {
      guard !given.isEmpty else {
        throw RuntimeError(.invalidValue, "cols= names no column", at: givenAt)
          .withHelp("name the columns to plot: cols=[recency, monetary]")
      }
      for name in given { _ = try values(name, in: table, at: givenAt) }
      return given
    }
    let numeric = table.columns.filter(\.isNumeric).map(\.name)
    let features = workspace.features.columns.filter { numeric.contains($0) }
    if !features.isEmpty { return features }
    guard !numeric.isEmpty else {
      throw RuntimeError(.nonNumericColumn, "the table has no numeric column to plot", at: range)
        .withHelp("build the customer table first: rfm")
    }
    return Array(numeric.prefix(6))
  }

  /// The values of numeric column `name` (missing values are NaN), or an error at `at` naming the
  /// columns.
  func values(_ name: String, in table: Table, at: SourceRange) throws(RuntimeError) -> [Double] {
    guard let column = table[name] else {
      throw SegmentationErrors.analysis(.missingColumn(name: name), at: at, table: table)
    }
    guard column.isNumeric, let values = column.doubles else {
      throw RuntimeError(
        .nonNumericColumn, "column '\(name)' is \(column.type.rawValue), not a number", at: at
      ).withHelp("plot numeric columns, e.g. cols=[recency, frequency, monetary]")
    }
    return values
  }

  // MARK: The clustering space

  /// The features of `table` as the model sees them: the session's transformed and scaled
  /// matrix when it follows `tableName`, else the features transformed (not scaled); restricted
  /// to `columns` when given.
  func workingMatrix(of table: Table, named tableName: String, columns: [String]?)
    throws(RuntimeError) -> FeatureMatrix
  {
    let state = workspace.features
    do {
      var matrix: FeatureMatrix
      if let m = state.matrix(of: tableName, rows: table.rowCount) {
        matrix = m
      } else {
        matrix = try FeaturePipeline.transformed(table, state: state)
      }
      if let columns, columns != matrix.columnNames {
        if columns.allSatisfy({ matrix.columnIndex(named: $0) != nil }) {
          matrix = try matrix.selecting(columns: columns)
        } else {
          matrix = try FeaturePipeline.original(table, columns: columns)
        }
      }
      return matrix
    } catch {
      throw SegmentationErrors.analysis(error, at: range, table: table, what: "customers")
    }
  }
}

extension DiagnosticID {
  // MARK: Charts and reports
  public static let nothingToPlot: DiagnosticID = "nothing-to-plot"
}
