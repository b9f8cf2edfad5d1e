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
      examples: ["filter recency > 90 and frequency >= 2", "filter Country in [\"France\", \"Spain\"]"],
      run: { context, arguments throws(RuntimeError) in
        guard let condition = arguments.expression else { return }
        for form in context.registry.filterForms where form.claims(condition, context.workspace) {
          try form.run(&context, condition)
          return
        }
        _ = try context.requireTable(at: arguments.command.nameRange)
        let mask = try Evaluator(workspace: context.workspace, registry: context.registry).mask(condition)
        context.keepRows(
          mask.map { $0 == .yes }, unknown: mask.map { $0 == .unknown },
          condition: Printer.print(condition), removedTableName: "removed")
      }),
  ]
}
