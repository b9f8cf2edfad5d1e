import SegCore

extension Commands {
  /// `filter`.
  static let filter: [CommandSpec] = [
    CommandSpec(
      name: "filter", category: .transformation,
      summary: "Keeps the rows of the current table where a condition holds.",
      discussion: """
        Rows where the condition is false, or unknown because of missing values, are removed \
        and counted separately; the removed rows are kept as the table `removed`. Special forms \
        registered by features (such as z<3) are tried first.
        """,
      expression: ExpressionSpec("condition", "which rows to keep"),
      options: [
        OptionSpec(
          "cols", .names,
          "the features z<… and iqr<… look at (default: recency, frequency, monetary); also sets them for later commands")
      ],
      examples: [
        "filter recency > 90 and frequency >= 2", "filter Country in [\"France\", \"Spain\"]",
        "filter z<3", "filter iqr<1.5 cols=[frequency, monetary]",
      ],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in
        guard let condition = arguments.expression else { return }
        for form in context.registry.filterForms where form.claims(condition, context.workspace) {
          if arguments.isGiven("cols") {
            let table = try context.requireTable(at: arguments.command.nameRange)
            if let cols = try Commands.checkedColumns(arguments, table) {
              context.workspace.features.select(columns: cols)
            }
          }
          try form.run(&context, condition)
          return
        }
        if arguments.isGiven("cols") {
          throw RuntimeError(
            .ignoredOption, "cols= applies only to the outlier forms z<LIMIT and iqr<FACTOR",
            at: arguments.range(of: "cols")
          ).withHelp("set the features with scale cols=[...] instead")
        }
        _ = try context.requireTable(at: arguments.command.nameRange)
        let mask = try Evaluator(workspace: context.workspace, registry: context.registry).mask(condition)
        let emptied = !mask.isEmpty && !mask.contains(.yes)
        let warning = emptied ? Commands.removedEveryRow(condition, context.workspace.table) : nil
        context.keepRows(
          mask.map { $0 == .yes }, unknown: mask.map { $0 == .unknown },
          condition: Printer.print(condition), removedTableName: "removed")
        if let warning { context.host.report(warning, in: context.source) }
      }),
  ]

  /// The warning for a `filter` that removed every row of `table`: when the condition compares a
  /// text column with a value the column does not have (`Country == "Frane"`), it says so and
  /// suggests the nearest value the column does have, as is done for column names.
  static func removedEveryRow(_ condition: Expression, _ table: Table) -> Diagnostic {
    var diagnostic = Diagnostic(
      .filterRemovedEveryRow, severity: .warning,
      "filter removed every row: no row has \(Printer.print(condition))", at: condition.range)
    var distinct: [String: [String]] = [:]
    for (column, literal) in textComparisons(in: condition) {
      guard let values = table[column]?.distinctTexts else { continue }
      if distinct[column] == nil { distinct[column] = values }
      guard !values.contains(literal.value) else { continue }
      diagnostic.message =
        "filter removed every row: column '\(column)' has no value \(Printer.quote(literal.value))"
      if let nearest = EditDistance.suggestion(for: literal.value, among: values)
        ?? values.first(where: { $0.lowercased() == literal.value.lowercased() })
      {
        diagnostic.range = literal.range
        diagnostic.fixIt = .didYouMean(Printer.quote(nearest), at: literal.range)
      }
      return diagnostic
    }
    return diagnostic.withHelp("check the condition; 'show removed' lists the rows it removed")
  }

  /// The `column == "text"` and `column in ["text", …]` comparisons of a condition, through
  /// `and`, `or` and `not`.
  static func textComparisons(in e: Expression) -> [(column: String, literal: StringLiteral)] {
    guard case .binary(let b) = e else {
      if case .unary(let u) = e, u.op == .not { return textComparisons(in: u.operand) }
      return []
    }
    switch b.op {
    case .and, .or:
      return textComparisons(in: b.left) + textComparisons(in: b.right)
    case .equal, .in:
      let pairs = [(b.left, b.right), (b.right, b.left)]
      for (side, other) in pairs {
        guard case .name(let n) = side else { continue }
        switch other {
        case .string(let literal): return [(n.name, literal)]
        case .list(let list):
          return list.elements.compactMap {
            if case .string(let literal) = $0 { return (n.name, literal) }
            return nil
          }
        default: continue
        }
      }
      return []
    default:
      return []
    }
  }
}

extension DiagnosticID {
  public static let filterRemovedEveryRow: DiagnosticID = "filter-removed-every-row"
}

extension Column {
  /// The distinct values of a text column, in first-seen order; nil for other kinds.
  var distinctTexts: [String]? {
    switch data {
    case .category(_, let dictionary): return dictionary
    case .text(let values):
      var seen = Set<String>()
      var out: [String] = []
      for case let v? in values where seen.insert(v).inserted { out.append(v) }
      return out
    default: return nil
    }
  }
}
