import SegCore
import SegLang

/// The state of one interactive session: the workspace, what ran, and how to go back.
///
/// A value type the REPL loop owns. Statements run on a copy of ``workspace`` and are
/// committed one by one with ``commit(_:workspace:)`` when they succeed, so a failed or
/// cancelled statement leaves the session as it was before it. Every entry (one typed
/// statement line, or one `.read`) that changed the workspace can be undone as a whole.
struct ReplSession: Sendable {
  /// One entry that changed the workspace, as ``undo()`` needs it.
  struct UndoStep: Sendable {
    /// The workspace before the entry.
    var workspace: Workspace
    /// The entry's statements in ``log``.
    var logRange: Range<Int>
    /// The entry as typed (or `.read FILE`), shown by `.undo`.
    var label: String
  }

  /// The most entries `.undo` can take back; older steps are forgotten.
  static let undoLimit = 20

  /// The session's variables, tables and settings.
  private(set) var workspace: Workspace
  /// Display settings (`.mode`, `.maxrows`, `.timer`).
  var settings = ReplSettings.default
  /// The statements that succeeded, in order (what `.save` writes).
  private(set) var log: [Statement] = []
  /// The workspace before each statement of ``log``, for pinning when saving.
  private(set) var logWorkspaces: [Workspace] = []
  /// Entries that can be undone, oldest first.
  private(set) var undoSteps: [UndoStep] = []
  /// How many statement entries were typed, naming them `<input #N>`.
  private(set) var entryCount = 0
  /// The seed in effect when the session started, pinned by `.save`.
  let initialSeed: UInt64

  init(workspace: Workspace = Workspace()) {
    self.workspace = workspace
    initialSeed = workspace.seed
  }

  /// The name of the next typed entry, `<input #3>`, counting it.
  mutating func nextEntryName() -> String {
    entryCount += 1
    return "<input #\(entryCount)>"
  }

  /// Where an entry begins: remember it so that ``endEntry(_:label:)`` can make it undoable.
  func beginEntry() -> UndoStep {
    UndoStep(workspace: workspace, logRange: log.count..<log.count, label: "")
  }

  /// Ends an entry: when it changed the workspace, it becomes the newest undo step.
  mutating func endEntry(_ start: UndoStep, label: String) {
    guard start.workspace != workspace else { return }
    var step = start
    step.label = label
    step.logRange = start.logRange.lowerBound..<log.count
    undoSteps.append(step)
    if undoSteps.count > Self.undoLimit { undoSteps.removeFirst(undoSteps.count - Self.undoLimit) }
  }

  /// Commits a statement that succeeded, with the workspace it left.
  mutating func commit(_ statement: Statement, workspace: Workspace) {
    log.append(statement)
    logWorkspaces.append(self.workspace)
    self.workspace = workspace
  }

  /// Takes back the newest entry that changed the workspace (and drops its statements from the
  /// log); its label, or `nil` when there is nothing to undo.
  mutating func undo() -> String? {
    guard let step = undoSteps.popLast() else { return nil }
    workspace = step.workspace
    // Later entries changed nothing (newer steps are undone first), so their statements (an
    // `echo`, a `show`) stay where they are, after this entry's.
    log.removeSubrange(step.logRange)
    logWorkspaces.removeSubrange(step.logRange)
    return step.label
  }

  /// The session as a script (see ``SessionScript``).
  func script(registry: CommandRegistry) -> String {
    SessionScript(
      statements: log, workspacesBefore: logWorkspaces, initialSeed: initialSeed,
      registry: registry
    ).text
  }
}
