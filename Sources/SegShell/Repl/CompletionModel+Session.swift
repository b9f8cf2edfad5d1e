import SegCore
import SegLang

extension CompletionModel {
  /// The model for a session: every command of `registry` with its options (a `.choice` option
  /// offers its words), and the names `workspace` knows now — columns of the current table,
  /// segment names, tables, variables, settings and built-in values.
  ///
  /// What each argument slot offers follows from its ``ValueType``:
  ///
  /// | Type | Offers |
  /// |---|---|
  /// | `.choice` | its words (`method=` → kmeans, hierarchical, …) |
  /// | `.bool` | `true`, `false` |
  /// | `.path` | file paths, in quotes |
  /// | `.names` | columns, also inside `[…]` |
  /// | `.name` | tables when the slot is called `table`, segments when called `segment`, commands and functions for `help`, else columns |
  /// | `.any` and a command's expression | columns, functions (`mean(`) and `and`/`or`/`not`/`in` |
  /// | numbers, dates, ranges, strings | nothing |
  ///
  /// Column names that are not bare names come back in backticks, ready to insert.
  init(registry: CommandRegistry, workspace: Workspace) {
    let tables = Set(workspace.tables.keys).union(workspace.keptTables.keys).sorted()
    let topics = registry.commands.map(\.name) + registry.functions.map(\.name)
    func kind(_ type: ValueType, slot: String) -> ValueKind {
      switch type {
      case .choice(let words): return .choice(words)
      case .bool: return .choice(["false", "true"])
      case .path: return .path
      case .names: return .columns
      case .name:
        let lowered = slot.lowercased()
        if lowered.contains("segment") { return .segment }
        if lowered.contains("table") { return .choice(tables) }
        if lowered == "topic" { return .choice(topics) }
        return .column
      case .any: return .expression
      case .int, .number, .string, .date, .intRange: return .none
      }
    }
    commands = registry.commands.map { spec in
      let arguments: ValueKind
      if let first = spec.positionals.first {
        arguments = kind(first.type, slot: first.name)
      } else if spec.expression != nil || spec.name == "set" {
        arguments = .expression
      } else {
        arguments = .none
      }
      return Command(
        spec.name, options: spec.options.map { Option($0.name, kind($0.type, slot: $0.name)) },
        arguments: arguments)
    }
    var columnNames = workspace.table.columnNames
    for pseudo in registry.pseudoColumns where !columnNames.contains(pseudo.name) {
      if pseudo.column(workspace) != nil { columnNames.append(pseudo.name) }
    }
    columns = columnNames.map { Printer.printName($0, quoted: false) }
    segments = Self.segmentNames(in: workspace)
    var names = Set(workspace.variables.keys)
    names.formUnion(registry.settings.map(\.name))
    names.formUnion(registry.scalars.map(\.name))
    variables = names.sorted()
    expressionKeywords = Keyword.reserved.sorted()
    functions = registry.functions.map(\.name)
  }

  /// The segment names Tab offers: the distinct values of a text column called `segment` (any
  /// case) in the current table, at most ``segmentLimit``.
  ///
  /// Hook: when the clustering commands keep segment names in ``Workspace`` (a field such as
  /// `segmentNames`), read them here first.
  static func segmentNames(in workspace: Workspace) -> [String] {
    guard
      let column = workspace.table.columns.first(where: { $0.name.lowercased() == "segment" })
    else { return [] }
    var seen = Set<String>()
    var names: [String] = []
    for row in 0..<column.count {
      guard let name = column.text(at: row), seen.insert(name).inserted else { continue }
      names.append(name)
      if names.count == segmentLimit { break }
    }
    return names.sorted()
  }

  /// The most segment names offered.
  static let segmentLimit = 500
}
