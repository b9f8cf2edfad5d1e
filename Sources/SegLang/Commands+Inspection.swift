import SegCore

extension Commands {
  static let formatOption = OptionSpec(
    "format", .choice(TableFormat.allCases.map(\.rawValue)), "how to print the rows",
    default: .string("table"))

  /// `show`, `head`.
  static let inspection: [CommandSpec] = [
    CommandSpec(
      name: "show", category: .inspection,
      summary: "Prints every row of the current table, or of a named table; show tables lists the tables, show sql prints the SQL that last ran in a database.",
      positionals: [ArgumentSpec("table", .name, "a named table; the current one when left out", isRequired: false)],
      options: [formatOption],
      examples: ["show", "show customers format=csv", "show tables", "show sql"],
      run: { context, arguments throws(RuntimeError) in
        if arguments.string("table") == "sql", context.workspace.tables["sql"] == nil {
          let sql = context.workspace.lastSQL
          context.write(sql.isEmpty ? "no SQL has run" : sql.map { $0 + ";" }.joined(separator: "\n\n"))
          return
        }
        if arguments.string("table") == "tables", context.workspace.tables["tables"] == nil,
          context.workspace.keptTables["tables"] == nil
        {
          Commands.listTables(context)
          return
        }
        let table = try Commands.table(for: arguments, name: "table", in: context)
        context.write(Commands.formatter(arguments, context).render(table))
      }),
    CommandSpec(
      name: "head", category: .inspection,
      summary: "Prints the first rows of the current table (10 unless told).",
      positionals: [ArgumentSpec("n", .int, "how many rows", isRequired: false)],
      options: [
        OptionSpec("table", .name, "a named table; the current one when left out"), formatOption,
      ],
      examples: ["head", "head 5", "head 3 table=customers format=markdown"],
      run: { context, arguments throws(RuntimeError) in
        let n = arguments.int("n") ?? 10
        guard n >= 0 else {
          throw RuntimeError(.invalidValue, "head needs a row count from 0 up", at: arguments.range(of: "n"))
        }
        let table = try Commands.table(for: arguments, name: "table", in: context)
        context.write(Commands.formatter(arguments, context).render(table, limit: n))
      }),
  ]

  /// The table named by argument `name`, or the current table.
  static func table(
    for arguments: CommandArguments, name: String, in context: ExecutionContext
  ) throws(RuntimeError) -> Table {
    guard let tableName = arguments.string(name) else {
      return try context.requireTable(at: arguments.command.nameRange)
    }
    if let t = context.workspace.tables[tableName] { return t }
    if tableName == context.workspace.tableName { return context.workspace.table }
    if let kept = context.workspace.keptTables[tableName] { return kept.table }
    var error = RuntimeError(.unknownTable, "no table named '\(tableName)'", at: arguments.range(of: name))
    let names = Set(context.workspace.tables.keys).union(context.workspace.keptTables.keys).sorted()
    if let s = EditDistance.suggestion(for: tableName, among: names) {
      error.diagnostic.fixIt = .didYouMean(s, at: arguments.range(of: name))
    } else if !names.isEmpty {
      error = error.withNote("tables: " + names.joined(separator: ", "))
    }
    throw error
  }

  /// The formatter for `format=` (or the session's default), truncating cells only on a terminal
  /// and limited as the REPL's display options say.
  static func formatter(_ arguments: CommandArguments, _ context: ExecutionContext) -> TableFormatter {
    let format =
      arguments.isGiven("format")
      ? TableFormat(rawValue: arguments.string("format") ?? "") ?? .table
      : nil
    return context.tableFormatter(format: format)
  }
}
