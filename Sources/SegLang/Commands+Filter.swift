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
      run: { context, arguments throws(RuntimeError) in
        guard let condition = arguments.expression else { return }
        for form in context.registry.filterForms where form.claims(condition, context.workspace) {
          if arguments.isGiven("cols") {
            let table = try context.requireTable(at: arguments.command.nameRange)
            if let cols = try Commands.checkedColumns(arguments, table) {
              context.workspace.features.columns = cols
              context.workspace.features.isExplicit = true
              context.workspace.features.matrix = nil
              context.workspace.features.scaler = nil
              context.workspace.features.transformColumns =
                context.workspace.features.transformColumns.filter { cols.contains($0) }
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
        context.keepRows(
          mask.map { $0 == .yes }, unknown: mask.map { $0 == .unknown },
          condition: Printer.print(condition), removedTableName: "removed")
      }),
  ]
}
