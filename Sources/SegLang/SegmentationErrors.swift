import SegCore

extension DiagnosticID {
  // MARK: Data and segmentation
  public static let emptyTable: DiagnosticID = "empty-table"
  public static let invalidClusterCount: DiagnosticID = "invalid-k"
  public static let zeroVariance: DiagnosticID = "zero-variance"
  public static let negativeValues: DiagnosticID = "negative-values"
  public static let nonFiniteValues: DiagnosticID = "non-finite-values"
  public static let nonNumericColumn: DiagnosticID = "non-numeric-column"
  public static let tooFewDistinctRows: DiagnosticID = "too-few-distinct-rows"
  public static let unknownCluster: DiagnosticID = "unknown-cluster"
  public static let duplicateSegmentName: DiagnosticID = "duplicate-segment-name"
  public static let rfmError: DiagnosticID = "rfm-error"
  public static let segmentMapError: DiagnosticID = "segment-map-error"
  public static let clusteringError: DiagnosticID = "clustering-error"
  public static let unscaledFeatures: DiagnosticID = "unscaled-features"
  public static let ignoredOption: DiagnosticID = "ignored-option"
}

/// Turns SegCore's errors into runtime errors that point at a token and say what to do.
enum SegmentationErrors {
  /// A numeric-core error.
  ///
  /// `table` lists the columns for suggestions; `what` names the rows
  /// ("customers", "rows").
  static func analysis(
    _ error: AnalysisError, at range: SourceRange, table: Table? = nil, what: String = "rows"
  ) -> RuntimeError {
    switch error {
    case .cancelled:
      return cancelled(at: range)
    case .missingColumn(let name):
      var e = RuntimeError(.unknownName, "no column '\(name)'", at: range)
      let names = table?.columnNames ?? []
      if let s = EditDistance.suggestion(for: name, among: names) {
        e = e.withHelp("did you mean '\(s)'?")
      } else if !names.isEmpty {
        e = e.withNote("the columns are " + names.joined(separator: ", "))
      }
      return e
    case .nonNumericColumn(let name, let type):
      return RuntimeError(
        .nonNumericColumn, "column '\(name)' is \(type.rawValue), not a number", at: range
      ).withHelp("cluster on numeric columns: cols=[recency, frequency, monetary]")
    case .nonFiniteValues(let column, let count):
      return RuntimeError(
        .nonFiniteValues,
        "column '\(column)' has \(NumberFormatting.count(count)) missing or infinite value\(count == 1 ? "" : "s")",
        at: range
      ).withHelp(
        "drop those rows first (filter not missing(\(column))) or leave the column out with cols=[...]"
      )
    case .noFeatures:
      return RuntimeError(.invalidValue, "no feature columns are selected", at: range)
        .withHelp("choose them with cols=[recency, frequency, monetary]")
    case .emptyMatrix:
      return RuntimeError(.emptyTable, "the table has no \(what) left", at: range)
        .withHelp("an earlier filter removed every row; loosen it or load the data again")
    case .negativeValues(let column, let count, _):
      return RuntimeError(
        .negativeValues,
        "log needs values of 0 or more, but '\(column)' is negative for \(NumberFormatting.count(count)) \(count == 1 ? singular(what) : what)",
        at: range
      ).withHelp("drop them first (filter \(column) >= 0) or use transform signedlog")
    case .zeroVariance(let column):
      return RuntimeError(
        .zeroVariance, "column '\(column)' has the same value in every row, so it cannot be scaled",
        at: range
      ).withHelp("leave it out of the features with cols=[...]")
    case .invalidClusterCount(let k, let rows):
      if k < 2 {
        return RuntimeError(.invalidClusterCount, "k must be at least 2, got \(k)", at: range)
          .withHelp("a segmentation needs 2 or more clusters: k=4")
      }
      return RuntimeError(
        .invalidClusterCount,
        "k=\(k) is more than the \(NumberFormatting.count(rows)) \(rows == 1 ? singular(what) : what) in the table",
        at: range
      ).withHelp(
        rows >= 2 ? "choose k from 2 to \(rows)" : "a segmentation needs at least 2 \(what)")
    case .tooFewDistinctPoints(let k, let distinct):
      return RuntimeError(
        .tooFewDistinctRows,
        "only \(NumberFormatting.count(distinct)) distinct \(distinct == 1 ? singular(what) : what) (by the features), fewer than k=\(k)",
        at: range
      ).withHelp(
        distinct >= 2
          ? "choose k from 2 to \(distinct), or add features that tell the \(what) apart"
          : "every row has the same features; add features that tell the \(what) apart")
    case .shapeMismatch, .invalidLabelCount:
      return RuntimeError(.invalidValue, error.description, at: range)
    case .invalidParameter(let name, let reason):
      return RuntimeError(.invalidValue, "\(name) \(reason)", at: range)
    case .clustering(let code, let message):
      return clustering(ClusteringError(.init(rawValue: code), message), at: range)
    case .noDenseRegion(let eps):
      return RuntimeError(
        .clusteringError,
        "dbscan found no cluster: every \(singular(what)) is noise at eps \(NumberFormatting.format(eps))",
        at: range
      ).withHelp("raise eps or lower min_samples")
    }
  }

  /// The error of ``ExecutionContext/checkCancellation(at:)``: a kernel saw the token say stop.
  static func cancelled(at range: SourceRange) -> RuntimeError {
    RuntimeError(.cancelled, "interrupted", at: range, kind: .cancelled)
  }

  /// An error of the clustering algorithms (Ward, DBSCAN, Gaussian mixture, t-SNE).
  static func clustering(_ error: ClusteringError, at range: SourceRange) -> RuntimeError {
    if error.code == .cancelled { return cancelled(at: range) }
    var e = RuntimeError(.clusteringError, error.message, at: range)
    if error.code == .singularCovariance {
      e = e.withHelp("the data has too few distinct rows for this many components; lower k")
    } else if error.code == .tooFewPoints {
      e = e.withHelp("lower k, or cluster more rows")
    }
    return e
  }

  /// A loader error, pointing at the file-name token; the message says where in the data.
  static func load(_ error: LoadError, at range: SourceRange, table: String) -> RuntimeError {
    if error.code == .cancelled { return cancelled(at: range) }
    var message = error.message
    var location = error.file
    if let line = error.line { location += ":\(line)" }
    if let column = error.column { location += ":\(column)" }
    if error.line != nil {
      message += " (\(location)"
      if let name = error.columnName { message += ", column '\(name)'" }
      message += ")"
    }
    var e = RuntimeError(DiagnosticID(rawValue: error.code.rawValue), message, at: range)
    if let hint = error.hint { e = e.withHelp(hint.seg) }
    return e
  }

  /// An RFM error, at the `rfm` command.
  static func rfm(_ error: RFMError, at range: SourceRange) -> RuntimeError {
    // Sums the data cannot hold have ids of their own (docs/errors.md); the rest are `rfm-error`.
    let id: DiagnosticID =
      switch error.code {
      case .overflow, .nonFiniteMoney: DiagnosticID(rawValue: error.code.rawValue)
      default: .rfmError
      }
    var e = RuntimeError(id, error.message, at: range)
    if let hint = error.hint { e = e.withHelp(hint.seg) }
    return e
  }

  static func singular(_ what: String) -> String {
    switch what {
    case "customers": "customer"
    case "rows": "row"
    default: what.hasSuffix("s") ? String(what.dropLast()) : what
    }
  }
}
