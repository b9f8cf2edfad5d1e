import SegCore

/// The cheap checks `seg check` makes beyond validation: what a script does in the wrong order,
/// and what it declares but never uses. Each finding is a warning (an error under `--strict`),
/// pointing at the token at fault.
///
/// The checks read the script only, never its data, so they flag only what is certain from the
/// order of statements:
/// - `column-before-creation`: a column used (in a condition or a `cols=` list) before the
///   statement that creates it, when that statement comes later: `filter recency > 90` before
///   `rfm`, `filter segment == "Loyal"` before `cluster`.
/// - `command-before-stage`: a command that needs a stage the script builds only later
///   (`cluster` before `rfm`), or never (`rfm` with no `load` before it, `name` with no
///   `cluster` before it).
/// - `unused-parameter`: a `param` that no `$name` reads.
/// - `unknown-table`: `join NAME` with no `load "FILE" as NAME` before it.
package enum SemanticCheck {
  /// A stage of the usual pipeline, and the commands that build it.
  struct Stage {
    /// How messages name it: "a loaded table".
    var name: String
    /// The commands that build it.
    var builders: Set<String>
    /// Commands that cannot run before it, whether or not the script builds it.
    var alwaysNeededBy: Set<String>
    /// Commands that need it when the script builds it later (a loaded customer table would do
    /// instead, which the checks cannot see).
    var laterNeededBy: Set<String>
    /// The columns it creates.
    var columns: Set<String>
  }

  /// The stages, from the stage each command of `registry` needs (``CommandSpec/needs``, which
  /// the interpreter checks at run time), and what only the order of a script can tell: `head`,
  /// `export` and `join` need a table without stating it (they may name one, or export a CLV
  /// result), and the clustering commands, which run on any table, are out of order before an
  /// `rfm` that comes later.
  static func stages(_ registry: CommandRegistry) -> [Stage] {
    func needing(_ test: (SessionStage) -> Bool) -> Set<String> {
      Set(registry.commands.filter { $0.needs.map(test) ?? false }.map(\.name))
    }
    return [
      Stage(
        name: "a loaded table", builders: ["load"],
        alwaysNeededBy: needing { _ in true }.union(["head", "export", "join"]), laterNeededBy: [],
        columns: []),
      Stage(
        name: "the customer table", builders: ["rfm"], alwaysNeededBy: [],
        laterNeededBy: needing { $0 == .customers }.union([
          "transform", "scale", "elbow", "silhouette", "choose", "cluster",
        ]),
        columns: Set(RFM.leadingColumns + RFM.trailingColumns).subtracting(["customer"])),
      Stage(
        name: "clusters", builders: ["cluster"], alwaysNeededBy: needing { $0 == .segments },
        laterNeededBy: [], columns: ["segment", "cluster"]),
    ]
  }

  /// The findings for `script`, in source order. With `strict`, they are errors.
  package static func diagnostics(
    in script: Script, registry: CommandRegistry = .standard, strict: Bool = false
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let severity: DiagnosticSeverity = strict ? .error : .warning
    let commands: [(index: Int, command: Command)] = script.statements.enumerated().compactMap {
      if case .command(let c) = $1 { ($0, c) } else { nil }
    }
    func firstIndex(of builders: Set<String>) -> Int? {
      commands.first { builders.contains($0.command.name) }?.index
    }
    // Each finding once: the first statement of a command before a stage, the first use of a
    // column, so a long script with its `load` missing gives one warning per command, not one
    // per line.
    var reported: Set<String> = []
    for stage in stages(registry) {
      let built = firstIndex(of: stage.builders)
      let builder = stage.builders.sorted().joined(separator: "' or '")
      for (i, c) in commands where built.map({ i < $0 }) ?? true {
        if stage.alwaysNeededBy.contains(c.name)
          || (built != nil && stage.laterNeededBy.contains(c.name)),
          reported.insert(stage.name + "/" + c.name).inserted
        {
          let when = built == nil ? "no '\(builder)' comes before it" : "'\(builder)' comes later"
          out.append(
            Diagnostic(
              .commandBeforeStage, severity: severity,
              "'\(c.name)' needs \(stage.name), but \(when)", at: c.nameRange
            ).withHelp("move it after '\(builder)'"))
        }
        guard let built, !stage.columns.isEmpty else { continue }
        for name in columnNames(in: c, registry: registry)
        where stage.columns.contains(name.name) && reported.insert("column/" + name.name).inserted {
          out.append(
            Diagnostic(
              .columnBeforeCreation, severity: severity,
              "column '\(name.name)' is used before '\(builder)' creates it", at: name.range
            ).withNote(
              "'\(builder)' runs later", at: script.statements[built].range
            ))
        }
      }
    }
    // `join NAME` needs a `load ... as NAME` before it (or a table the session names itself).
    var kept: Set<String> = [
      Workspace.transactionsTable, Workspace.customersTable, Workspace.outliersTable, "removed",
    ]
    for (_, c) in commands {
      if c.name == "load", let o = c.options.first(where: { $0.name == "as" }),
        case .name(let n) = o.value
      {
        kept.insert(n.name)
      }
      guard c.name == "join", case .name(let n)? = c.arguments.first, !kept.contains(n.name)
      else { continue }
      var d = Diagnostic(
        .unknownTable, severity: severity,
        "no 'load \"FILE\" as \(n.name)' comes before this join", at: n.range)
      if let s = EditDistance.suggestion(for: n.name, among: kept.sorted()) {
        d.fixIt = .didYouMean(s, at: n.range)
      } else {
        d = d.withHelp("keep the file first: load \"FILE\" as \(n.name)")
      }
      out.append(d)
    }
    // Parameters no `$name` reads.
    var read: Set<String> = []
    for s in script.statements {
      for e in expressions(in: s) { variables(in: e, into: &read) }
    }
    for p in script.parameters where !read.contains(p.name) {
      out.append(
        Diagnostic(
          .unusedParameter, severity: severity, "parameter '\(p.name)' is never used",
          at: p.nameRange
        ).withHelp("read it as $\(p.name), or remove it"))
    }
    return out.enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
  }

  /// The column names a command reads: bare names in its condition, and names in positionals and
  /// options that take names of columns (`cols=[...]`).
  package static func columnNames(in c: Command, registry: CommandRegistry) -> [NameReference] {
    var out: [NameReference] = []
    if let e = c.expression { names(in: e, into: &out) }
    guard let spec = registry.command(named: c.name) else { return out }
    for (i, a) in c.arguments.enumerated() {
      let p = i < spec.positionals.count ? spec.positionals[i] : spec.positionals.last
      if p?.type == .names { names(in: a, into: &out) }
    }
    for o in c.options where spec.option(named: o.name)?.type == .names {
      names(in: o.value, into: &out)
    }
    return out
  }

  /// Every expression of a statement.
  static func expressions(in s: Statement) -> [Expression] {
    switch s {
    case .set(let s): [s.value]
    case .param(let p): p.defaultValue.map { [$0] } ?? []
    case .command(let c): c.arguments + (c.expression.map { [$0] } ?? []) + c.options.map(\.value)
    }
  }

  static func names(in e: Expression, into out: inout [NameReference]) {
    visit(e) { if case .name(let n) = $0 { out.append(n) } }
  }

  static func variables(in e: Expression, into out: inout Set<String>) {
    visit(e) { if case .variable(let v) = $0 { out.insert(v.name) } }
  }

  /// Calls `f` on `e` and every expression inside it, except function names.
  static func visit(_ e: Expression, _ f: (Expression) -> Void) {
    f(e)
    switch e {
    case .list(let l): l.elements.forEach { visit($0, f) }
    case .range(let r):
      visit(r.lower, f)
      visit(r.upper, f)
    case .unary(let u): visit(u.operand, f)
    case .binary(let b):
      visit(b.left, f)
      visit(b.right, f)
    case .call(let c): c.arguments.forEach { visit($0, f) }
    case .number, .string, .date, .bool, .name, .variable: break
    }
  }
}

extension DiagnosticID {
  // MARK: Semantic checks (`seg check`)
  /// A column used before the statement that creates it.
  public static let columnBeforeCreation: DiagnosticID = "column-before-creation"
  /// A command used before the stage it needs.
  public static let commandBeforeStage: DiagnosticID = "command-before-stage"
  /// A `param` that is never read.
  public static let unusedParameter: DiagnosticID = "unused-parameter"
}
