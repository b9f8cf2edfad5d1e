/// An error from a seg history file: not a history, written by a newer seg, no such run, an
/// invalid run, an unknown segment, or a database failure.
///
/// Match on the code in a `catch` (as GRDB's `DatabaseError` is matched):
///
/// ```swift
/// do {
///   _ = try HistoryStore(path: "orders.db")
/// } catch HistoryError.notAHistory {
///   // the file exists but is not a seg history
/// }
/// ```
///
/// Messages name files, runs, segments and columns, never customer values (customer ids,
/// amounts), so they are safe to print in CI logs.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, for matching in code.
  public enum Code: String, Sendable, Equatable, CaseIterable {
    /// The file is not an SQLite database, or an SQLite database that seg did not write.
    case notAHistory
    /// The file was written by a newer seg whose schema this version does not know.
    case newerFormat
    /// The file does not exist and the store was opened without `createIfMissing`.
    case fileNotFound
    /// The file cannot be opened or created (missing directory, permissions).
    case cannotOpen
    /// No run with the requested id.
    case noSuchRun
    /// A run to save is inconsistent (lengths, cluster numbers, names, non-finite centroids).
    case invalidRun
    /// A segment name that the run being asked about does not have.
    case unknownSegment
    /// Any other SQLite failure (disk full, locked database, I/O error, interrupted save).
    case database
  }

  /// What went wrong.
  public var code: Code
  /// The user-facing message.
  ///
  /// For example `'x.db' is not a seg history file: file is not a database`.
  public var message: String

  /// Creates an error.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The message.
  public var description: String { message }

  /// A pattern for `catch HistoryError.notAHistory`.
  public static let notAHistory = Pattern(code: .notAHistory)
  /// A pattern for `catch HistoryError.newerFormat`.
  public static let newerFormat = Pattern(code: .newerFormat)
  /// A pattern for `catch HistoryError.fileNotFound`.
  public static let fileNotFound = Pattern(code: .fileNotFound)
  /// A pattern for `catch HistoryError.cannotOpen`.
  public static let cannotOpen = Pattern(code: .cannotOpen)
  /// A pattern for `catch HistoryError.noSuchRun`.
  public static let noSuchRun = Pattern(code: .noSuchRun)
  /// A pattern for `catch HistoryError.invalidRun`.
  public static let invalidRun = Pattern(code: .invalidRun)
  /// A pattern for `catch HistoryError.unknownSegment`.
  public static let unknownSegment = Pattern(code: .unknownSegment)
  /// A pattern for `catch HistoryError.database`.
  public static let database = Pattern(code: .database)

  /// Matches a ``HistoryError`` by its code in `catch` clauses and `switch` statements.
  public struct Pattern: Sendable {
    /// The code this pattern matches.
    public let code: Code

    /// Whether `error` is a ``HistoryError`` with this pattern's code.
    public static func ~= (pattern: Pattern, error: any Error) -> Bool {
      (error as? HistoryError)?.code == pattern.code
    }
  }
}
