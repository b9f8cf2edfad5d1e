import SegCore

extension Commands {
  /// `transform`, `scale`.
  static let features: [CommandSpec] = [
    CommandSpec(
      name: "transform", category: .transformation,
      summary:
        "Log-transforms skewed features before scaling: log is log(1 + x), signedlog is sign(x)·log(1 + |x|).",
      discussion: """
        The table keeps its values in original units (profiles and exports report those); the \
        transform applies to the clustering features only, by default recency, frequency and \
        monetary. cols= names the columns to transform and adds them to the features. log \
        refuses negative values (net refunds): drop them or use signedlog. A later transform \
        replaces an earlier one, and a fitted scaler is refitted.
        """,
      positionals: [ArgumentSpec("kind", .choice(["log", "signedlog"]), "the transform")],
      options: [OptionSpec("cols", .names, "the columns to transform (default: the features)")],
      examples: ["transform log", "transform signedlog cols=[monetary]"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.transform(&context, arguments)
      }),
    CommandSpec(
      name: "scale", category: .transformation,
      summary: "Scales the clustering features so that each counts equally.",
      discussion: """
        standard: (x − mean) / sd with the population sd; robust: (x − median) / IQR; minmax: \
        into 0..1. The fitted centres and scales are printed and kept, so centroids can be \
        reported in original units. cols= sets the features for later commands (default \
        recency, frequency, monetary). A constant column cannot be scaled and is named.
        """,
      options: [
        OptionSpec(
          "method", .choice(ScalingMethod.allCases.map(\.rawValue)), "how to scale",
          default: .string("standard")),
        OptionSpec("cols", .names, "the feature columns (default: recency, frequency, monetary)"),
      ],
      examples: ["scale", "scale method=robust cols=[recency, frequency, monetary, tenure]"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.scale(&context, arguments) }),
  ]

  /// `filter z<3` and `filter iqr<1.5`.
  static let outlierFilterForms: [FilterFormSpec] = [
    FilterFormSpec(
      syntax: "z<LIMIT",
      summary: """
        Sets aside customers whose z-score (population sd) reaches LIMIT on any feature; they \
        go to the table outliers.
        """,
      claims: claimsOutlierForm("z"),
      run: { context, condition throws(RuntimeError) in
        try Commands.filterOutliers(&context, condition, word: "z")
      }),
    FilterFormSpec(
      syntax: "iqr<FACTOR",
      summary: """
        Sets aside customers outside Tukey's fences [Q1 − FACTOR·IQR, Q3 + FACTOR·IQR] on any \
        feature; they go to the table outliers.
        """,
      claims: claimsOutlierForm("iqr"),
      run: { context, condition throws(RuntimeError) in
        try Commands.filterOutliers(&context, condition, word: "iqr")
      }),
  ]

  /// Claims `word < number` (or `<=`) when the table has no column called `word`.
  static func claimsOutlierForm(_ word: String) -> @Sendable (Expression, Workspace) -> Bool {
    { condition, workspace in
      guard case .binary(let b) = condition, b.op == .less || b.op == .lessEqual,
        case .name(let n) = b.left, n.name == word, !n.isQuoted
      else { return false }
      return workspace.table.columnIndex(named: word) == nil
    }
  }

  static func filterOutliers(
    _ context: inout ExecutionContext, _ condition: Expression, word: String
  )
    throws(RuntimeError)
  {
    guard case .binary(let b) = condition else { return }
    let table = try context.requireTable(at: b.left.range)
    let limitValue = try context.evaluate(b.right)
    guard let limit = limitValue.number, limit > 0, limit.isFinite else {
      throw RuntimeError(
        .invalidValue,
        "the \(word == "z" ? "z-score limit" : "IQR factor") must be a positive number",
        at: b.right.range
      ).withHelp(word == "z" ? "e.g. filter z<3" : "e.g. filter iqr<1.5")
    }
    let ws = context.workspace
    let what = rowNoun(ws)
    guard table.rowCount > 0 else {
      throw SegmentationErrors.analysis(.emptyMatrix, at: b.left.range, what: what)
    }
    // z-scores of transformed features when a transform is in place (scaling does not change them).
    let state = ws.features.recipe(for: ws.tableName)
    let matrix: FeatureMatrix
    let mask: OutlierMask
    do {
      matrix = try FeaturePipeline.transformed(table, state: state)
      mask = try matrix.outlierMask(word == "z" ? .zScore(threshold: limit) : .iqr(factor: limit))
    } catch {
      throw SegmentationErrors.analysis(error, at: b.left.range, table: table, what: what)
    }
    let money = table["monetary"]?.doubles
    let previous = ws.tables[Workspace.outliersTable]
    let removedIndices = mask.keep.indices.filter { !mask.keep[$0] }
    let removed = table.gathering(removedIndices)
    context.keepRows(mask.keep, condition: Printer.print(condition), recordsFiltered: false)
    let outliers: Table
    var earlier: [OutlierTest] = []
    if let previous, previous.columnNames == removed.columnNames, ws.outliers != nil {
      outliers = previous.appending(rowsOf: removed)
      earlier = ws.outliers?.tests ?? []
    } else {
      outliers = removed
    }
    context.workspace.tables[Workspace.outliersTable] = outliers
    var share: Double?
    if let money, let outMoney = outliers["monetary"]?.doubles {
      let keptMoney = mask.keep.indices.reduce(0.0) {
        $0 + (mask.keep[$1] && money[$1].isFinite ? money[$1] : 0)
      }
      let out = outMoney.reduce(0.0) { $0 + ($1.isFinite ? $1 : 0) }
      share = keptMoney + out != 0 ? out / (keptMoney + out) : nil
    }
    let total = context.workspace.table.rowCount + outliers.rowCount
    var record = OutlierState(
      rule: mask.rule, condition: Printer.print(condition), columns: mask.columnNames,
      rowsBefore: total, count: outliers.rowCount, revenueShare: share)
    record.tests = earlier + [outlierTest(mask, matrix: matrix, state: state, limit: limit)]
    context.workspace.outliers = record
    var line =
      "outliers: \(NumberFormatting.count(outliers.rowCount)) \(outliers.rowCount == 1 ? SegmentationErrors.singular(what) : what) set aside as table 'outliers' "
      + "(\(NumberFormatting.percent(total > 0 ? Double(outliers.rowCount) / Double(total) : 0)) of \(what)"
    if let share { line += ", \(NumberFormatting.percent(share)) of revenue" }
    line += ")"
    context.write(line)
    let outside = zip(mask.columnNames, mask.outsideCounts).map {
      "\($0) \(NumberFormatting.count($1))"
    }
    context.write("  outside the limits by feature: " + outside.joined(separator: ", "))
  }

  /// The filter as a rule for new customers: the z-scores' fitted means and deviations (refitted
  /// here exactly as ``FeatureMatrix/outlierMask(_:)`` fits them), or the fences.
  static func outlierTest(
    _ mask: OutlierMask, matrix: FeatureMatrix, state: FeatureState, limit: Double
  ) -> OutlierTest {
    let bounds: OutlierTest.Bounds
    if case .zScore = mask.rule, let scaler = try? FittedScaler.fit(matrix, method: .standard) {
      bounds = .zScore(centers: scaler.centers, scales: scaler.scales, threshold: limit)
    } else {
      bounds = .fences(lower: mask.lowerBounds, upper: mask.upperBounds)
    }
    return OutlierTest(
      columns: mask.columnNames, transform: state.transform,
      transformColumns: state.transform == nil ? [] : state.transformColumns, bounds: bounds)
  }

  /// "customers" for a customer table, "rows" otherwise.
  static func rowNoun(_ ws: Workspace) -> String {
    ws.tableName == Workspace.customersTable || ws.tableName == Workspace.outliersTable
      ? "customers" : "rows"
  }

  /// The current table and what its rows are ("customers", "rows"); an error when it is empty.
  static func nonEmptyTable(_ context: ExecutionContext, at range: SourceRange) throws(RuntimeError)
    -> (table: Table, what: String)
  {
    let table = try context.requireTable(at: range)
    let what = rowNoun(context.workspace)
    guard table.rowCount > 0 else {
      throw SegmentationErrors.analysis(.emptyMatrix, at: range, what: what)
    }
    return (table, what)
  }

  /// Checks `cols=` against the table: every column exists and is numeric.
  static func checkedColumns(
    _ arguments: CommandArguments, _ table: Table
  ) throws(RuntimeError) -> [String]? {
    guard let cols = arguments.names("cols") else { return nil }
    let range = arguments.range(of: "cols")
    guard !cols.isEmpty else {
      throw SegmentationErrors.analysis(.noFeatures, at: range)
    }
    var seen = Set<String>()
    for c in cols {
      guard seen.insert(c).inserted else {
        throw RuntimeError(.invalidValue, "'\(c)' is listed twice", at: range)
      }
      guard let column = table[c] else {
        throw SegmentationErrors.analysis(.missingColumn(name: c), at: range, table: table)
      }
      guard column.isNumeric else {
        throw SegmentationErrors.analysis(.nonNumericColumn(name: c, type: column.type), at: range)
      }
    }
    return cols
  }

  static func transform(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let (table, what) = try nonEmptyTable(context, at: at)
    let ws = context.workspace
    let kind: FeatureTransform = arguments.string("kind") == "signedlog" ? .signedLog : .log1p
    var state = ws.features.recipe(for: ws.tableName)
    let replacing = state.transform != nil
    let cols = try checkedColumns(arguments, table) ?? state.columns
    state.setTransform(kind, columns: cols)
    let range = arguments.isGiven("cols") ? arguments.range(of: "cols") : at
    do {
      try state.build(table, named: ws.tableName, scaling: state.scaler?.method)
    } catch {
      throw SegmentationErrors.analysis(error, at: range, table: table, what: what)
    }
    context.workspace.features = state
    let name = kind == .log1p ? "log" : "signedlog"
    context.write(
      "transform \(name): \(kind == .log1p ? "log(1 + x)" : "sign(x)·log(1 + |x|)") of "
        + state.transformColumns.joined(separator: ", ")
        + " for \(NumberFormatting.count(table.rowCount)) \(what)"
        + (replacing ? " (replaces the earlier transform)" : ""))
    context.write(
      "  features: " + state.columns.joined(separator: ", ")
        + " (\(FeaturePipeline.describe(state)))")
    if state.scaler != nil { context.write("  the scaler was refitted on the transformed values") }
  }

  static func scale(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let (table, what) = try nonEmptyTable(context, at: at)
    let ws = context.workspace
    let method = ScalingMethod(rawValue: arguments.string("method") ?? "standard") ?? .standard
    var state = ws.features.recipe(for: ws.tableName)
    if let cols = try checkedColumns(arguments, table) { state.select(columns: cols) }
    let range = arguments.isGiven("cols") ? arguments.range(of: "cols") : at
    do {
      try state.build(table, named: ws.tableName, scaling: method)
    } catch {
      throw SegmentationErrors.analysis(error, at: range, table: table, what: what)
    }
    guard let scaler = state.scaler else { return }
    context.workspace.features = state
    context.write(
      "scale \(method.rawValue): " + state.columns.joined(separator: ", ")
        + " for \(NumberFormatting.count(table.rowCount)) \(what)"
        + (state.transform != nil
          ? " (after \(FeaturePipeline.describe(state).split(separator: ",")[0]))" : ""))
    let (centre, spread) =
      switch method {
      case .standard: ("mean", "sd")
      case .robust: ("median", "IQR")
      case .minMax: ("min", "range")
      }
    let rows = state.columns.indices.map {
      [
        state.columns[$0], NumberFormatting.format(scaler.centers[$0]),
        NumberFormatting.format(scaler.scales[$0]),
      ]
    }
    context.write(
      TextTable.render(header: ["feature", centre, spread], rows: rows, rightAligned: [1, 2])
        .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
  }
}
