import Foundation
import SegCore
import SegLang
import SegTestSupport
import Synchronization
import Testing

@testable import SegShell

/// Typed lines for the REPL loop.
///
/// Each read takes lines until `isComplete` accepts them, as the line editor does; `"^C"` stands for Ctrl-C and the end of the list for Ctrl-D. Records what
/// the loop hands back (history entries, completion models), and can run a hook before a read.
final class ScriptedLines: LineSource {
  private var lines: [String]
  private(set) var history: [String] = []
  private(set) var models: [CompletionModel] = []
  /// Runs before the read of entry N (0-based): to release a blocked worker, say.
  var beforeRead: [Int: () -> Void] = [:]
  private var reads = 0

  var completionModel: CompletionModel {
    get { models.last ?? CompletionModel() }
    set { models.append(newValue) }
  }

  init(_ lines: [String]) {
    self.lines = lines
  }

  func readStatement(isComplete: (String) -> Bool) -> LineEditor.ReadResult {
    beforeRead[reads]?()
    reads += 1
    var taken = StatementLines()
    while !lines.isEmpty {
      let line = lines.removeFirst()
      if line == "^C" { return .interrupted }
      if let entry = taken.add(line, isComplete: isComplete) { return .statement(entry) }
    }
    return .endOfInput
  }

  func addHistory(_ entry: String) {
    history.append(entry)
  }
}

/// A console in memory: what went to standard error, and configurable terminal facts.
final class MemoryConsole: ReplConsole {
  private let text = Mutex("")
  let showsProgress: Bool
  let outputWidth: Int?
  var statusWidth: Int { outputWidth ?? 80 }

  init(
    showsProgress: Bool = false, outputWidth: Int? = nil, outputHeight: Int? = nil,
    pagerStarts: Bool = true
  ) {
    self.showsProgress = showsProgress
    self.outputWidth = outputWidth
    self.outputHeight = outputHeight
    self.pagerStarts = pagerStarts
  }

  func writeStatus(_ status: String) {
    text.withLock { $0 += status }
  }

  /// The terminal's height (`nil`: output is not a terminal).
  let outputHeight: Int?
  /// What went through the pager, one element per paging.
  private let pagedTexts = Mutex<[String]>([])
  var paged: [String] { pagedTexts.withLock { $0 } }
  /// Whether the pager starts; when false, ``page(_:)`` fails and the REPL prints directly.
  let pagerStarts: Bool

  func page(_ text: String) -> Bool {
    guard pagerStarts else { return false }
    pagedTexts.withLock { $0.append(text) }
    return true
  }

  /// Everything written so far.
  var status: String { text.withLock { $0 } }
}

/// Ctrl-C on demand: a test (or a test command) calls ``press()``.
final class ScriptedInterrupts: InterruptSource {
  private let flag = Atomic<Bool>(false)

  func press() { flag.store(true, ordering: .sequentiallyConsistent) }
  func isRequested() -> Bool { flag.load(ordering: .sequentiallyConsistent) }
  func reset() { flag.store(false, ordering: .sequentiallyConsistent) }
}

/// A one-shot signal between a test and a command running on the REPL's worker thread.
final class Signal: Sendable {
  private let semaphore = DispatchSemaphore(value: 0)

  func fire() { semaphore.signal() }

  /// Waits for ``fire()``; false after `seconds` without it (so a broken test fails, not hangs).
  @discardableResult
  func wait(seconds: Double = 30) -> Bool {
    semaphore.wait(timeout: .now() + seconds) == .success
  }
}

/// One REPL run over scripted lines.
struct ReplRun {
  var host: MemoryHost
  var console: MemoryConsole
  var repl: Repl
  var lines: ScriptedLines
  var status: SegShell.ExitStatus
}

/// Runs the REPL loop over `lines` on an in-memory host.
func runRepl(
  _ lines: [String], registry: CommandRegistry = .standard, files: [String: String] = [:],
  environment: [String: String] = [:], console: MemoryConsole = MemoryConsole(),
  interrupts: ScriptedInterrupts = ScriptedInterrupts(), workspace: Workspace = Workspace(),
  historyFile: HistoryFile? = nil, prepare: (ScriptedLines) -> Void = { _ in }
) -> ReplRun {
  let host = MemoryHost(files: files, environment: environment)
  let (history, _) = PersistentHistory.open(file: historyFile)
  var repl = Repl(
    registry: registry, host: host, console: console, interrupts: interrupts, history: history,
    session: ReplSession(workspace: workspace))
  let source = ScriptedLines(lines)
  prepare(source)
  let status = repl.run(lines: source)
  return ReplRun(host: host, console: console, repl: repl, lines: source, status: status)
}

/// A workspace whose current table is `customers` with `rows` rows: `customer_id`, `recency`,
/// `segment` (Champions, At Risk, Big Spenders in turn) and `Customer Name`.
func customerWorkspace(rows: Int) -> Workspace {
  let segments = ["Champions", "At Risk", "Big Spenders"]
  let table = Table(columns: [
    Column(name: "customer_id", data: .integer((0..<rows).map { Int64(12_000 + $0) })),
    Column(name: "recency", data: .decimal((0..<rows).map { Double($0 % 30) + 0.5 })),
    Column(name: "segment", data: .text((0..<rows).map { segments[$0 % 3] })),
    Column(name: "Customer Name", data: .text((0..<rows).map { "customer \($0)" })),
  ])
  var workspace = Workspace()
  workspace.setCurrentTable(table, name: "customers")
  return workspace
}
