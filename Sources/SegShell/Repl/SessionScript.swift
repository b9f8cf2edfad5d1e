import SegCore
import SegLang

/// What `.save FILE` writes: the statements of a session that succeeded, as a clean `.seg`
/// script that `seg run` reproduces exactly.
///
/// - Each statement is printed canonically (``Printer``), one per line; comments, blank lines
///   and dot-commands are not kept, and statements that failed, were cancelled or were undone
///   are not there.
/// - The seed is pinned: the script starts with `set seed = N` (the seed the session started
///   with) unless its first statement already sets it, so a later change of seg's default seed
///   cannot change the result.
/// - `asof` is pinned on a command that has an `asof=` option and was run without one, when
///   the effective date is known (``pinnedAsOf(for:before:)``).
/// - Parameters keep their declarations; in the REPL they always took their defaults, which
///   `seg run` without arguments takes too.
struct SessionScript {
  /// The statements, in order.
  var statements: [Statement]
  /// The workspace before each statement.
  var workspacesBefore: [Workspace]
  /// The seed the session started with.
  var initialSeed: UInt64
  /// The language (for which commands take `asof=`).
  var registry: CommandRegistry

  /// The script's text; empty statements give an empty script (apart from the seed).
  var text: String {
    var lines: [String] = []
    if !startsBySettingTheSeed { lines.append("set seed = \(initialSeed)") }
    for (index, statement) in statements.enumerated() {
      let before = index < workspacesBefore.count ? workspacesBefore[index] : Workspace()
      lines.append(Printer.print(pinned(statement, before: before)))
    }
    return lines.map { $0 + "\n" }.joined()
  }

  private var startsBySettingTheSeed: Bool {
    if case .set(let s)? = statements.first, s.name == "seed" { return true }
    return false
  }

  /// `statement` with the values it defaulted written out.
  func pinned(_ statement: Statement, before: Workspace) -> Statement {
    guard case .command(var command) = statement,
      let spec = registry.command(named: command.name), spec.option(named: "asof") != nil,
      command.option("asof") == nil, let date = Self.pinnedAsOf(for: command, before: before)
    else { return statement }
    command.options.append(CommandOption(name: "asof", value: .date(DateLiteral(value: date))))
    return .command(command)
  }

  /// The reference date a command with an `asof=` option used when it was not given: `$asof`
  /// when the session had set it.
  ///
  /// Hook: when ``Workspace`` records the date `rfm` actually used (the day after the last
  /// transaction when nothing was set), return that here, so that a saved script keeps its
  /// recency figures even after the data file grows.
  static func pinnedAsOf(for command: Command, before: Workspace) -> DateValue? {
    if case .date(let date)? = before.variables["asof"] { return date }
    return nil
  }
}
