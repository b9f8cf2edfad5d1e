internal import Foundation
import SegLang
import SegWarehouse

/// The interactive shell's loop: read an entry, run it, report, repeat.
///
/// It is independent of the terminal: statements come from a ``LineSource`` (the libedit
/// editor, plain standard input, or a scripted list in tests), results and diagnostics go to a
/// ``ScriptHost``, the progress line and `cancelled` to a ``ReplConsole``, and Ctrl-C is read
/// from an ``InterruptSource``.
///
/// ## Entries
///
/// Each entry is a dot-command line or one or more statements (several lines while brackets or
/// a string are open, or a line ends in `\`). Statements are named `<input #N>` in diagnostics,
/// N counting the entries of the session (dot-commands included), so an error reads
/// `<input #3>:1:8: error: …` with the same caret snippet as in scripts. An entry with a syntax
/// error runs nothing.
///
/// ## Running, failing and cancelling
///
/// An entry's statements run on a worker thread over a copy of the workspace
/// (``StatementJob``); each statement that succeeds is committed, so an error keeps the session
/// as it was before the failing statement, and never ends the session. While the worker runs,
/// the main thread polls Ctrl-C every 50 ms and, on a terminal, draws a progress line after
/// half a second. Ctrl-C cancels the job: the worker is told through `isCancelled` (commands
/// that poll it stop early), `cancelled` is printed, and the prompt returns at once with the
/// session as it was before the interrupted statement. A worker that does not poll runs on
/// until its current step ends, but its ``GuardedHost`` drops everything it would print, write
/// or publish; before the next entry runs, the REPL waits for such a worker (a second Ctrl-C
/// skips that entry instead), so at most one runs at a time.
struct Repl {
  /// The language.
  let registry: CommandRegistry
  /// Results, diagnostics and files.
  let host: any ScriptHost
  /// The progress line, `cancelled`, timings and warnings.
  let console: any ReplConsole
  /// Ctrl-C while a statement runs.
  let interrupts: any InterruptSource
  /// The session state.
  private(set) var session: ReplSession
  /// The history, saved after every entry.
  private var history: PersistentHistory
  /// A cancelled job that may still be running.
  private var orphan: StatementJob?

  /// How often the main thread looks at Ctrl-C and the progress line while a statement runs.
  static let pollInterval: Duration = .milliseconds(50)

  init(
    registry: CommandRegistry = .standard, host: any ScriptHost, console: any ReplConsole,
    interrupts: any InterruptSource, history: PersistentHistory,
    session: ReplSession = ReplSession()
  ) {
    self.registry = registry
    self.host = host
    self.console = console
    self.interrupts = interrupts
    self.history = history
    self.session = session
  }

  /// What an entry asks of the loop.
  enum Next: Sendable, Equatable {
    /// Read the next entry.
    case proceed
    /// Leave (`.quit`).
    case quit
  }

  /// Reads and runs entries until the end of input or `.quit`.
  mutating func run<Source: LineSource & ~Copyable>(lines: borrowing Source) -> ExitStatus {
    while true {
      lines.completionModel = CompletionModel(registry: registry, workspace: session.workspace)
      switch lines.readStatement(isComplete: Lexer.isComplete) {
      case .endOfInput:
        return .success
      case .interrupted:
        continue
      case .statement(let text):
        // Passwords in connection strings never reach the history file.
        let outcome = history.record(ConnectionString.redactPasswords(in: text))
        if let entry = outcome.entry { lines.addHistory(entry) }
        for warning in outcome.warnings { warn(warning.description) }
        if handle(text) == .quit { return .success }
      }
    }
  }

  /// Runs one entry: a dot-command line or statements.
  mutating func handle(_ text: String) -> Next {
    let name = session.nextEntryName()
    if DotCommand.isDotCommand(text) {
      return dotCommand(SourceFile(name: name, text: text))
    }
    timed {
      let start = $0.session.beginEntry()
      $0.runStatements(of: SourceFile(name: name, text: text))
      $0.session.endEntry(start, label: text)
    }
    return .proceed
  }

  /// Runs `body` and, with `.timer on`, prints how long it took: `time: 0.012s`.
  private mutating func timed(_ body: (inout Repl) -> Void) {
    let started = ContinuousClock.now
    body(&self)
    if session.settings.timer {
      console.writeStatus("time: \(Self.formatSeconds(ContinuousClock.now - started))\n")
    }
  }

  /// Runs the start-up file at `path`: its dot-commands and statements in order, as if typed.
  mutating func runInitFile(atPath path: String) {
    let text: String
    do throws(HostError) {
      text = String(decoding: try host.readFile(atPath: path), as: UTF8.self)
    } catch {
      warn("cannot read start-up file: \(error.message)")
      return
    }
    for entry in InitFile.entries(of: text) {
      switch entry {
      case .dotCommand(let line):
        if dotCommand(SourceFile(name: path, text: line)) == .quit { return }
      case .statements(let body):
        let start = session.beginEntry()
        runStatements(of: SourceFile(name: path, text: body))
        session.endEntry(start, label: path)
      }
    }
  }

  // MARK: Statements

  /// Compiles `source` and runs its statements (both on a worker), committing each that
  /// succeeds.
  ///
  /// A syntax error runs nothing.
  private mutating func runStatements(of source: SourceFile) {
    interrupts.reset()
    guard waitForOrphan() else {
      console.writeStatus("cancelled\n")
      return
    }
    // With the pager in use, the entry's output is collected and shown once it is complete.
    let pages = session.settings.pager != .off && console.outputHeight != nil
    let collector = pages ? CollectingHost(base: host) : nil
    let guarded = GuardedHost(base: collector ?? host, console: console)
    defer { if let collector { page(collector.collected) } }
    let job = StatementJob.start(
      source, workspace: session.workspace, registry: registry, host: guarded, display: display)
    let started = ContinuousClock.now
    var lastDrawn: ContinuousClock.Instant?
    var cancelled = false
    while !job.wait(timeout: Self.pollInterval) {
      if interrupts.isRequested() {
        interrupts.reset()
        guarded.cancel()
        cancelled = true
        break
      }
      let now = ContinuousClock.now
      if console.showsProgress, now - started >= ProgressLine.delay,
        lastDrawn.map({ now - $0 >= ProgressLine.interval }) ?? true
      {
        guarded.drawProgress(elapsed: now - started, width: console.statusWidth)
        lastDrawn = now
      }
    }
    guarded.finish()
    let result = job.result
    commit(result)
    if cancelled {
      if !job.isFinished { orphan = job }
      console.writeStatus("cancelled\n")
      return
    }
    guard let failure = result.failure else { return }
    if failure.kind == .cancelled {
      console.writeStatus("cancelled\n")
    } else {
      host.report(failure.diagnostic, in: source)
    }
  }

  /// Shows an entry's output: through the pager when `.pager on`, or `auto` and it has more lines
  /// than the terminal; else (or when the pager cannot start) directly.
  private func page(_ text: String) {
    guard !text.isEmpty else { return }
    let lines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    let height = console.outputHeight ?? Int.max
    let wanted = session.settings.pager == .on || (session.settings.pager == .auto && lines >= height)
    if wanted, console.page(text) { return }
    host.writeOutput(text)
  }

  /// Commits the statements a job published.
  private mutating func commit(_ result: StatementJob.Result) {
    for (index, step) in result.steps.enumerated() {
      let after =
        index + 1 < result.steps.count ? result.steps[index + 1].before : result.workspace
      session.commit(step.statement, workspace: after)
    }
  }

  /// Table settings for the statements about to run: `.mode` always; on a terminal also
  /// `.maxrows` and the width (output to a pipe or file is never cut).
  private var display: DisplayOptions {
    let width = console.outputWidth
    return DisplayOptions(
      tableFormat: TableFormat(rawValue: session.settings.mode.rawValue),
      maximumRows: width == nil ? nil : session.settings.maxRows,
      maximumWidth: width)
  }

  /// Waits for a cancelled job that is still running; false when Ctrl-C was pressed meanwhile.
  private mutating func waitForOrphan() -> Bool {
    guard let job = orphan else { return true }
    let started = ContinuousClock.now
    var isLineVisible = false
    defer { if isLineVisible { console.writeStatus(ProgressLine.clear) } }
    while !job.wait(timeout: Self.pollInterval) {
      if interrupts.isRequested() {
        interrupts.reset()
        return false
      }
      if console.showsProgress, !isLineVisible, ContinuousClock.now - started >= ProgressLine.delay
      {
        console.writeStatus(
          "\rwaiting for the cancelled statement to stop · Ctrl-C skips this entry"
            + ProgressLine.clearToEnd)
        isLineVisible = true
      }
    }
    orphan = nil
    return true
  }

  // MARK: Dot-commands

  private mutating func dotCommand(_ source: SourceFile) -> Next {
    let command: DotCommand
    do throws(DotCommandError) {
      command = try DotCommand.parse(source.text)
    } catch {
      host.report(Self.diagnostic(for: error, in: source), in: source)
      return .proceed
    }
    switch command {
    case .quit:
      return .quit
    case .help(let pattern):
      help(pattern)
    case .read(let path):
      read(path, source: source)
    case .save(let path):
      save(path, source: source)
    case .undo:
      if let label = session.undo() {
        host.writeOutput("undone: \(label.split(separator: "\n").first ?? "")\n")
      } else {
        host.writeOutput("nothing to undo\n")
      }
    case .mode(nil), .maxRows(nil), .timer(nil), .pager(nil):
      let key = source.text.split(separator: " ").first.map { $0.dropFirst() } ?? ""
      for line in session.settings.descriptionLines where line.hasPrefix(key + ":") {
        host.writeOutput(line + "\n")
      }
    case .mode, .maxRows, .timer, .pager:
      session.settings.apply(command)
    }
    return .proceed
  }

  /// `.read FILE`: the file's statements as one undoable entry; diagnostics name the file.
  private mutating func read(_ path: String, source: SourceFile) {
    let resolved = expandingHome(path)
    let bytes: [UInt8]
    do throws(HostError) {
      bytes = try host.readFile(atPath: resolved)
    } catch {
      host.report(
        Diagnostic(.fileError, "cannot read script: \(error.message)", at: argumentRange(source)),
        in: source)
      return
    }
    if let problem = SourceFile.textProblem(in: bytes) {
      host.report(
        Diagnostic(.notText, "cannot read script: \(problem)", at: argumentRange(source)),
        in: source)
      return
    }
    timed {
      let start = $0.session.beginEntry()
      $0.runStatements(of: SourceFile(name: path, text: String(decoding: bytes, as: UTF8.self)))
      $0.session.endEntry(start, label: ".read \(path)")
    }
  }

  /// `.save FILE`: the session as a script (``SessionScript``).
  private func save(_ path: String, source: SourceFile) {
    let text = session.script(registry: registry)
    do throws(HostError) {
      try host.writeFileAtomically(Array(text.utf8), toPath: expandingHome(path))
    } catch {
      var diagnostic = Diagnostic(
        .fileError, "cannot save: \(error.message)", at: argumentRange(source))
      if let help = error.help { diagnostic = diagnostic.withHelp(help) }
      host.report(diagnostic, in: source)
      return
    }
    let count = session.log.count
    host.writeOutput("saved \(count) statement\(count == 1 ? "" : "s") to \(path)\n")
  }

  /// `.help`: the language's command list and the dot-commands; `.help NAME` for a command or
  /// function is `help NAME`; `.help PATTERN` lists what mentions the pattern.
  private func help(_ pattern: String?) {
    let dotLines = DotCommand.helpLines(matching: pattern)
    guard let pattern, !pattern.isEmpty else {
      runQuietly("help")
      host.writeOutput("\nShell commands:\n" + dotLines.map { "  " + $0 + "\n" }.joined())
      return
    }
    if registry.command(named: pattern) != nil || registry.function(named: pattern) != nil {
      runQuietly("help " + Printer.printName(pattern, quoted: false))
      return
    }
    let needle = pattern.lowercased()
    let commands = registry.commands.filter {
      $0.name.lowercased().contains(needle) || $0.summary.lowercased().contains(needle)
    }
    let functions = registry.functions.filter {
      $0.name.lowercased().contains(needle) || $0.summary.lowercased().contains(needle)
    }
    var out = ""
    let width = (commands.map(\.name.count) + functions.map(\.signature.count)).max() ?? 0
    func row(_ name: String, _ summary: String) -> String {
      "  " + name + String(repeating: " ", count: width - name.count + 2) + summary + "\n"
    }
    if !commands.isEmpty {
      out += "Commands:\n" + commands.map { row($0.name, $0.summary) }.joined()
    }
    if !functions.isEmpty {
      out += "Functions:\n" + functions.map { row($0.signature, $0.summary) }.joined()
    }
    if !dotLines.isEmpty {
      out += "Shell commands:\n" + dotLines.map { "  " + $0 + "\n" }.joined()
    }
    host.writeOutput(out.isEmpty ? "nothing matches '\(pattern)'\n" : out)
  }

  /// Runs `text` (a `help` statement) outside the session: not logged, not undoable.
  private func runQuietly(_ text: String) {
    guard registry.command(named: "help") != nil else { return }
    let source = SourceFile(name: "<help>", text: text)
    let compilation = Compilation(source, registry: registry)
    guard !compilation.hasErrors else { return }
    var scratch = session.workspace
    let outcome = Interpreter(registry: registry, host: host).run(
      compilation.script, source: source, workspace: &scratch)
    if case .stopped(let error) = outcome { host.report(error.diagnostic, in: source) }
  }

  // MARK: Helpers

  /// A warning about the shell itself (history, start-up file): `seg: warning: …`.
  private func warn(_ message: String) {
    host.report(Diagnostic("repl-warning", severity: .warning, message, at: .none), in: nil)
  }

  /// `~/…` with `$HOME` in front; other paths as given.
  private func expandingHome(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"), let home = host.environment("HOME") else {
      return path
    }
    return home + path.dropFirst()
  }

  /// The argument of a dot-command line (after its name), for carets.
  private func argumentRange(_ source: SourceFile) -> SourceRange {
    Self.ranges(of: source.text).argument
  }

  /// The name and argument of a dot-command line as UTF-8 ranges.
  static func ranges(of line: String) -> (name: SourceRange, argument: SourceRange) {
    let bytes = Array(line.utf8)
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    var index = 0
    while index < bytes.count, isBlank(bytes[index]) { index += 1 }
    let nameStart = index
    while index < bytes.count, !isBlank(bytes[index]) { index += 1 }
    let nameEnd = index
    while index < bytes.count, isBlank(bytes[index]) { index += 1 }
    var end = bytes.count
    while end > index, isBlank(bytes[end - 1]) { end -= 1 }
    let argument =
      index < end
      ? SourceRange(start: index, end: end) : SourceRange(start: nameEnd, end: nameEnd)
    return (SourceRange(start: nameStart, end: nameEnd), argument)
  }

  /// A dot-command error as a diagnostic with a caret under the name or the argument.
  static func diagnostic(for error: DotCommandError, in source: SourceFile) -> Diagnostic {
    let (name, argument) = ranges(of: source.text)
    switch error.kind {
    case .unknownCommand(let command, let suggestion):
      var diagnostic = Diagnostic(.unknownCommand, "unknown command '\(command)'", at: name)
      if let suggestion {
        diagnostic.fixIt = .didYouMean(suggestion, at: name)
      } else {
        diagnostic = diagnostic.withHelp(".help lists the commands")
      }
      return diagnostic
    case .missingArgument(let command, let expected):
      return Diagnostic(.missingArgument, "\(command) needs \(expected)", at: argument)
    case .invalidArgument(let command, let value, let expected):
      return Diagnostic(
        .invalidValue, "\(command) does not accept '\(value)'", at: argument
      ).withHelp("expected \(expected)")
    case .unexpectedArgument(let command, let value):
      return Diagnostic(.extraArgument, "\(command) takes no argument '\(value)'", at: argument)
    }
  }

  /// `0.012s`: seconds with three decimals.
  static func formatSeconds(_ duration: Duration) -> String {
    let milliseconds =
      Int(duration.components.seconds) * 1000
      + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
  }
}
