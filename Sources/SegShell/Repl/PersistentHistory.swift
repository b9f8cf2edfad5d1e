/// The session's history, saved to its ``HistoryFile`` after every statement.
///
/// Each save re-reads the file and adds the new entry to what is there, so two REPLs open at
/// once both leave their statements in the file (the in-memory history, which the arrow keys
/// walk, stays this session's). Warnings are returned, never thrown, and each kind of problem is
/// reported once per session: a REPL on a read-only home directory says so once, not after every
/// statement.
struct PersistentHistory: Sendable {
  /// This session's history: the file's entries at start plus what was typed since.
  private(set) var history: ReplHistory
  /// Where history is saved, or `nil` when it is not.
  let file: HistoryFile?
  /// Whether statements are still being saved (false after the file turned out not to be ours).
  private(set) var isSaving: Bool
  private var reported: Set<String> = []

  /// Opens the history: loads `file` (when given) and returns the warnings loading produced.
  static func open(
    file: HistoryFile?, capacity: Int = ReplHistory.defaultCapacity
  ) -> (PersistentHistory, [HistoryWarning]) {
    guard let file else {
      return (PersistentHistory(history: ReplHistory(capacity: capacity), file: nil), [])
    }
    let contents = file.load()
    var opened = PersistentHistory(
      history: ReplHistory(entries: contents.entries, capacity: capacity), file: file)
    opened.isSaving = contents.isWritable
    let warnings = contents.warnings.filter { opened.firstReport(of: $0) }
    return (opened, warnings)
  }

  private init(history: ReplHistory, file: HistoryFile?) {
    self.history = history
    self.file = file
    self.isSaving = file != nil
  }

  /// What ``record(_:)`` did.
  struct Outcome: Sendable, Equatable {
    /// The entry as kept (to hand to the line editor's history), or `nil` when skipped.
    var entry: String?
    /// Problems saving, each reported once per session.
    var warnings: [HistoryWarning]
  }

  /// Records a statement and, when it was kept, saves it.
  mutating func record(_ statement: String) -> Outcome {
    guard let entry = history.record(statement) else { return Outcome(entry: nil, warnings: []) }
    guard isSaving, let file else { return Outcome(entry: entry, warnings: []) }
    let onDisk = file.load()
    guard onDisk.isWritable else {
      isSaving = false
      return Outcome(entry: entry, warnings: onDisk.warnings.filter { firstReport(of: $0) })
    }
    var merged = ReplHistory(entries: onDisk.entries, capacity: history.capacity)
    merged.record(entry)
    do {
      try file.write(merged.entries)
      return Outcome(entry: entry, warnings: [])
    } catch {
      return Outcome(entry: entry, warnings: firstReport(of: error) ? [error] : [])
    }
  }

  /// Whether a warning of this kind has not been reported yet; marks it reported.
  private mutating func firstReport(of warning: HistoryWarning) -> Bool {
    let key: String
    switch warning.kind {
    case .unreadable: key = "unreadable"
    case .skippedLines: key = "skippedLines"
    case .notAHistoryFile: key = "notAHistoryFile"
    case .newerVersion: key = "newerVersion"
    case .unwritable: key = "unwritable"
    }
    return reported.insert(key).inserted
  }
}
