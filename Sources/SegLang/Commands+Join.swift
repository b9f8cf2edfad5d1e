public import SegCore

/// A table loaded with `load "FILE" as NAME`: kept beside the current table until `join` uses it.
public struct KeptTable: Sendable, Equatable {
  /// The rows.
  public var table: Table
  /// The file name it came from, for `tables`.
  public var source: String

  /// Creates a kept table.
  public init(table: Table, source: String) {
    self.table = table
    self.source = source
  }
}

extension DiagnosticID {
  // MARK: Several tables
  /// A `join` key column missing from one of the tables.
  public static let unknownJoinKey: DiagnosticID = "unknown-join-key"
  /// A `join` that cannot run: too many rows, no current table.
  public static let joinError: DiagnosticID = "join-error"
  /// A `join` key that repeats in both tables: rows are multiplied.
  public static let manyToManyJoin: DiagnosticID = "many-to-many-join"
  /// `join` key columns of different types, compared as text.
  public static let joinKeyTypes: DiagnosticID = "join-key-types"
}

extension Commands {
  /// `join`.
  static let joining: [CommandSpec] = [
    CommandSpec(
      name: "join", category: .data,
      summary: "Joins a table kept by load \"FILE\" as NAME to the current table on key columns.",
      discussion: """
        Adds the named table's columns to the current table where the key columns hold equal \
        values (a hash join). Rows stay in the current table's order; a key that repeats in the \
        named table gives one row per match, in that table's order. how=inner (the default) \
        keeps only rows with a match; how=left keeps every row, with missing values where \
        nothing matched. An empty key matches nothing. Keys of different types (an integer \
        zip code against a text one) are compared as text, and the summary says so. A column \
        name the current table already has gets the suffix _NAME. The summary gives the row \
        counts before and after and warns when a key repeats on both sides (rows multiplied). \
        When the joined table has the columns of a transaction log, it becomes the table \
        `transactions`, ready for rfm (docs/tables.md).
        """,
      positionals: [ArgumentSpec("table", .name, "a table kept by load \"FILE\" as NAME")],
      options: [
        OptionSpec("on", .names, "the key column, or [a, b] for several", isRequired: true),
        OptionSpec(
          "how", .choice(JoinKind.allCases.map(\.rawValue)),
          "inner: only rows with a match; left: every row of the current table",
          default: .string("inner")),
      ],
      examples: [
        "join orders on=order_id",
        "join customers on=customer_id how=left",
        "join stores on=[store_id, region]",
      ],
      run: { context, arguments throws(RuntimeError) in try Commands.join(&context, arguments) }),
  ]

  /// The kept table (or named table) called `name`, or an error with a suggestion.
  static func joinable(_ name: String, in ws: Workspace, at range: SourceRange) throws(RuntimeError)
    -> Table
  {
    if let kept = ws.keptTables[name] { return kept.table }
    if let t = ws.tables[name] { return t }
    if name == ws.tableName { return ws.table }
    var error = RuntimeError(.unknownTable, "no table named '\(name)'", at: range)
    let names = Set(ws.keptTables.keys).union(ws.tables.keys).sorted()
    if let s = EditDistance.suggestion(for: name, among: names) {
      error.diagnostic.fixIt = .didYouMean(s, at: range)
      throw error
    }
    if !names.isEmpty { error = error.withNote("tables: " + names.joined(separator: ", ")) }
    throw error.withHelp("keep a file as a table first: load \"FILE\" as \(name)")
  }

  static func join(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let ws = context.workspace
    guard ws.hasTable else {
      var error = RuntimeError(.noTable, "join adds columns to the current table, and none is loaded", at: at)
      if !ws.keptTables.isEmpty {
        error = error.withNote("kept: " + ws.keptTables.keys.sorted().joined(separator: ", "))
      }
      throw error.withHelp(
        "load the main table without 'as' first (load \"items.csv\"), then join the kept ones")
    }
    guard ws.warehouse == nil else {
      throw RuntimeError(
        .joinError, "join works on tables in memory, and the current log is in a database", at: at
      ).withHelp("join in the database: load \"postgresql://...\" query=\"SELECT ... JOIN ...\"")
    }
    guard let name = arguments.string("table") else { return }
    let named = try joinable(name, in: ws, at: arguments.range(of: "table"))
    let keys = arguments.names("on") ?? []
    let kind = JoinKind(rawValue: arguments.string("how") ?? "inner") ?? .inner
    let current = ws.tableName ?? "the current table"
    let result: JoinResult
    do {
      result = try ws.table.joined(with: named, named: name, on: keys, kind: kind)
    } catch {
      var e = RuntimeError(
        error.code == .tooManyRows || error.code == .invalidKeys ? .joinError : .unknownJoinKey,
        error.code == .missingKeyInCurrent
          ? "the current table '\(current)' has no column '\(error.column ?? "")'" : error.message,
        at: arguments.range(of: "on"))
      if let s = error.suggestions.first {
        e = e.withHelp("did you mean '\(s)'?")
      }
      throw e.withNote(error.hint.seg)
    }
    let r = result.report
    // The roles of the joined table: those found at load, plus any the new columns supply.
    var explicit: [ColumnRole: String] = [:]
    if let roles = ws.provenance?.roles {
      for (role, column) in roles.columns where result.table[column] != nil {
        explicit[role] = column
      }
    }
    let roles =
      (try? ColumnRoles.detect(in: result.table.columnNames, explicit: explicit)) ?? ColumnRoles(explicit)
    let isLog = roles.isTransactionLog
    let newName = isLog ? Workspace.transactionsTable : (ws.tableName ?? Workspace.customersTable)
    var next = ws
    // The row-aligned state (features, clusters) survives only a join that keeps every row once,
    // in order.
    let sameRows = r.rowsAfter == r.rowsBefore && r.unmatchedRows == 0
    if !sameRows || newName != ws.tableName { next.resetSegmentation() }
    if let old = ws.tableName, old != newName { next.tables[old] = nil }
    next.provenance?.roles = roles
    next.setCurrentTable(result.table, name: newName)
    next.account(
      "join \(name)", rowsIn: r.rowsBefore, rowsOut: r.rowsAfter,
      note: "\(kind.rawValue) join on \(keys.joined(separator: ", "))")
    context.workspace = next
    context.write(joinSummary(r, name: name))
    if r.keysRepeatedOnBothSides > 0 {
      context.warn(
        "\(NumberFormatting.count(r.keysRepeatedOnBothSides)) key\(r.keysRepeatedOnBothSides == 1 ? "" : "s") "
          + "repeat\(r.keysRepeatedOnBothSides == 1 ? "s" : "") in both tables (many-to-many): "
          + "their rows are multiplied, \(NumberFormatting.count(r.rowsFromRepeatedKeys)) rows come from them; "
          + "sums over the joined rows count those lines more than once",
        at: arguments.range(of: "on"), id: .manyToManyJoin)
    }
    for m in r.mismatches where !m.comparedAsNumbers {
      context.warn(
        "key '\(m.column)' is \(m.leftType.rawValue) in \(current) and \(m.rightType.rawValue) in \(name): "
          + "compared as text, so 1310 matches \"1310\" but not \"01310\" (a number loses its leading zeros)"
          + (r.unmatchedRows > 0
            ? "; \(NumberFormatting.count(r.unmatchedRows)) row\(r.unmatchedRows == 1 ? "" : "s") found no match" : ""),
        at: arguments.range(of: "on"), id: .joinKeyTypes)
    }
    let columns = result.table.columns.count
    context.write(
      "current table: \(newName) (\(NumberFormatting.count(r.rowsAfter)) row\(r.rowsAfter == 1 ? "" : "s"), "
        + "\(columns) columns"
        + (isLog
          ? "; a transaction log: run rfm)"
          : "; rfm needs customer, date and money columns: rfm customer=COLUMN date=COLUMN amount=COLUMN)"))
  }

  /// The lines `join` prints before the current table.
  static func joinSummary(_ r: JoinReport, name: String) -> String {
    func rows(_ n: Int) -> String { "\(NumberFormatting.count(n)) row\(n == 1 ? "" : "s")" }
    let keys = r.keys.count == 1 ? r.keys[0] : "[" + r.keys.joined(separator: ", ") + "]"
    var lines = [
      "join \(name) on \(keys) (\(r.kind.rawValue)): \(rows(r.rowsBefore)) before, \(rows(r.rowsAfter)) after; "
        + "\(name) has \(rows(r.namedRows))"
    ]
    if r.unmatchedRows > 0 {
      let missing = r.rowsWithMissingKey > 0 ? " (\(rows(r.rowsWithMissingKey)) with an empty key)" : ""
      lines.append(
        "  \(rows(r.unmatchedRows)) found no match in \(name)\(missing): "
          + (r.kind == .inner ? "dropped (how=left keeps them)" : "kept, with empty \(name) columns"))
    }
    if r.unmatchedNamedRows > 0 {
      lines.append("  \(rows(r.unmatchedNamedRows)) of \(name) matched no row")
    }
    if r.keysRepeatedInNamed > 0 && r.keysRepeatedOnBothSides == 0 {
      lines.append(
        "  \(NumberFormatting.count(r.keysRepeatedInNamed)) key\(r.keysRepeatedInNamed == 1 ? "" : "s") repeat in \(name): one row per match")
    }
    for m in r.mismatches where m.comparedAsNumbers {
      lines.append(
        "  key \(m.column) is \(m.leftType.rawValue) here and \(m.rightType.rawValue) in \(name): compared as numbers")
    }
    if !r.addedColumns.isEmpty {
      lines.append("  columns added: " + r.addedColumns.joined(separator: ", "))
    }
    for rename in r.renamed {
      lines.append("  \(name).\(rename.from) is now \(rename.to): the current table has a column \(rename.from)")
    }
    return lines.joined(separator: "\n")
  }
}
