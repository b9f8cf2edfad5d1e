/// The REPL's statement history: what is kept, in memory, oldest first.
///
/// The rules, applied by ``record(_:)``:
/// - a statement whose first character is a space is not kept (the shells' `HISTCONTROL=
///   ignorespace`: a way to type something that should not be remembered);
/// - blank statements are not kept, and trailing blanks and newlines are dropped (so that
///   `scale` and `scale ` left by Tab completion are the same entry);
/// - a statement equal to the newest entry is not kept again (consecutive duplicates);
/// - a multi-line statement is one entry, newlines included;
/// - beyond ``capacity`` entries the oldest are dropped.
///
/// Persisting is ``HistoryFile``'s job; ``PersistentHistory`` combines the two.
struct ReplHistory: Sendable, Equatable {
  /// About as many entries as sqlite3 and DuckDB keep.
  static let defaultCapacity = 2_000

  /// The entries, oldest first.
  private(set) var entries: [String]
  /// The most entries kept; at least 1.
  let capacity: Int

  /// A history holding the newest `capacity` of `entries` that the rules would keep, in order.
  init(entries: [String] = [], capacity: Int = ReplHistory.defaultCapacity) {
    self.capacity = Swift.max(1, capacity)
    self.entries = []
    for entry in entries { record(entry) }
  }

  /// The form a statement is kept in, or `nil` when the rules say it is not kept at all
  /// (leading space, blank). Does not look at the existing entries.
  static func normalized(_ statement: String) -> String? {
    if statement.first == " " { return nil }
    var text = Substring(statement)
    while let last = text.last,
      last == "\n" || last == "\r\n" || last == "\r" || last == " "
        || last == "\t"
    {
      text = text.dropLast()
    }
    guard text.contains(where: { !$0.isWhitespace }) else { return nil }
    return String(text)
  }

  /// Keeps `statement` when the rules allow and returns the entry as kept, or `nil` when it was
  /// skipped (leading space, blank, or a repeat of the newest entry).
  @discardableResult
  mutating func record(_ statement: String) -> String? {
    guard let entry = Self.normalized(statement), entry != entries.last else { return nil }
    entries.append(entry)
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    return entry
  }
}
