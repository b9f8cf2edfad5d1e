import SegCharts
import SegCore
import SegWarehouse

extension DiagnosticID {
  /// `export scoring` cannot write the session's segmentation as SQL (a method without
  /// centroids, a filter it cannot reproduce, features changed after `cluster`).
  public static let scoringUnsupported: DiagnosticID = "scoring-unsupported"
  /// `export scoring` computes RFM from the table as it is, but the session filtered the log.
  public static let scoringFilteredLog: DiagnosticID = "scoring-filtered-log"
}

extension Commands {
  /// `export scoring "FILE" dialect=... [table=NAME | from=RFM_TABLE]`: the fitted segmentation
  /// as one SELECT that labels every customer in the warehouse (docs/warehouse.md).
  static func exportScoring(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    guard let path = arguments.string("file") else { return }
    let dialect = try sqlDialect(arguments, command: "export scoring")
    let ws = context.workspace
    guard let model = ws.model else {
      throw RuntimeError(.unavailable, "export scoring needs a fitted segmentation: there are no clusters yet", at: at)
        .withHelp("run cluster first, e.g. cluster k=4, then name auto")
    }
    guard let aligned = ws.alignedModel, aligned.tableName == Workspace.customersTable else {
      throw RuntimeError(
        .unavailable, "the clusters no longer match the customer table '\(model.tableName)'", at: at
      ).withHelp("run cluster again on the customer table")
    }
    try checkScorable(aligned, at: at)
    if let filtered = ws.filteredCustomers.first(where: { $0.rows.rowCount > 0 }) {
      throw RuntimeError(
        .scoringUnsupported,
        "filter \(filtered.condition) removed customers, and export scoring reproduces only the outlier filters (z<, iqr<)",
        at: at
      ).withHelp(
        "apply the condition to the query's input in the warehouse (a view for from=), or drop the filter before cluster"
      )
    }
    let state = ws.features
    let p = aligned.featureNames.count
    if let scaler = state.scaler, scaler.columnNames != aligned.featureNames {
      throw changedFeatures(at: at)
    }
    // The model's centroids in original units were computed from this state at cluster time: a
    // later transform or scale changes them, and the SQL would not give seg's labels.
    let back = FeaturePipeline.toOriginal(aligned.centroidsScaled, state: state)
    guard state.columns == aligned.featureNames,
      back.count == aligned.centroidsOriginal.count,
      zip(back, aligned.centroidsOriginal).allSatisfy({ $0 == $1 || ($0.isNaN && $1.isNaN) }),
      aligned.centroidsScaled.count == aligned.k * p
    else { throw changedFeatures(at: at) }
    // The outlier filters apply when the model set customers aside.
    let rules = aligned.outlierLabels.isEmpty ? [] : ws.outliers?.tests ?? []
    let source: ScoringQuery.Source
    if let from = arguments.string("from") {
      if arguments.isGiven("table") {
        throw RuntimeError(
          .invalidValue, "export scoring takes table= or from=, not both",
          at: arguments.range(of: "from")
        ).withHelp(
          "table= names the transactions (RFM is computed in the query); from= a table of RFM features")
      }
      source = .table(from)
    } else {
      let rfm = try rfmExport(context, arguments, dialect: dialect, command: "export scoring")
      source = .rfm(rfm.query, asOf: rfm.asOf, affinity: rfm.affinity, segments: rfm.segments)
      let logFilters = ws.rowAccounting.filter {
        $0.note == Workspace.transactionsTable && $0.step.hasPrefix("filter ")
      }
      if !logFilters.isEmpty {
        let steps = logFilters.map(\.step).joined(separator: "; ")
        let shown = steps.count > 100 ? String(steps.prefix(99)) + "…" : steps
        context.warn(
          "the session filtered the transactions (\(shown)), but the query computes RFM from the table as it is; point table= at a view that applies the same filter",
          at: at, id: .scoringFilteredLog)
      }
    }
    var query = ScoringQuery(
      source: source, features: aligned.featureNames, transform: state.transform,
      transformColumns: state.transform == nil ? [] : state.transformColumns,
      centroids: aligned.centroidsScaled, names: aligned.names, outlierRules: rules,
      outliersNearest: aligned.outlierAssignment == .nearest,
      outlierLabel: SegmentationModel.outlierLabel, outlierName: SegmentationModel.outlierName)
    query.centers = state.scaler?.centers
    query.scales = state.scaler?.scales
    let summary =
      "\(ReportBuilder.methodName(aligned.method)), \(aligned.k) clusters on \(aligned.featureNames.joined(separator: ", ")) (\(FeaturePipeline.describe(state)))"
      + (rules.isEmpty ? "" : ", \(rules.count) outlier rule\(rules.count == 1 ? "" : "s")")
    let text =
      "-- Segment scoring written by seg for \(dialect.rawValue): \(summary); docs/warehouse.md\n"
      + query.select(dialect) + "\n"
    do {
      try context.host.writeFileAtomically(Array(text.utf8), toPath: path)
    } catch {
      throw RuntimeError(.fileError, error.message, at: arguments.range(of: "file"))
        .withHelp("check that the directory exists and can be written")
    }
    context.write(
      "export: the scoring query for \(dialect.rawValue) to \(path) (one SELECT: customer, cluster, segment; \(summary))"
    )
  }

  /// Refuses the methods whose labels are not the nearest centroid.
  static func checkScorable(_ model: SegmentationModel, at range: SourceRange) throws(RuntimeError) {
    guard case .other(let why) = model.labelRule else { return }
    throw RuntimeError(
      .scoringUnsupported,
      "export scoring writes nearest-centroid rules, and method=\(model.method) has none: \(why)",
      at: range
    ).withHelp("cluster with k-means (cluster k=\(max(model.k, 2))) to export a scoring query")
  }

  static func changedFeatures(at range: SourceRange) -> RuntimeError {
    RuntimeError(
      .scoringUnsupported,
      "the features were transformed or scaled again after cluster, so the centroids no longer match them",
      at: range
    ).withHelp("run cluster again after the last transform or scale")
  }
}
