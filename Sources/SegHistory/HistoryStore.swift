import Foundation
internal import GRDB

/// A seg history file: an SQLite database of segmentation runs, opened through GRDB.
///
/// Opening creates the file when it is missing (unless `createIfMissing` is false), upgrades a
/// file written by an older seg to the current schema, and refuses anything that is not a seg
/// history with ``HistoryError/Code/notAHistory``. Every save is one transaction: a failure or a
/// killed process in the middle leaves the earlier runs exactly as they were.
///
/// ```swift
/// let store = try HistoryStore(path: "history.db")
/// let saved = try store.save(run)            // matches names to the previous run, stores it
/// if case .compared(let c) = try store.compareLatest() {
///   let share = try c.share(from: "Champions", to: "At Risk")
/// }
/// ```
///
/// The store is a value holding a serialized connection; it is `Sendable`, and several stores
/// (or processes) may open the same file: SQLite's locking serializes their writes, waiting up to
/// five seconds for a lock.
public struct HistoryStore: Sendable {
  /// The file path as given.
  public let path: String
  /// Whether opening created the file (it did not exist before), so that a `save` that then
  /// fails can remove it with ``removeCreatedFile()`` instead of leaving an empty history.
  public let createdFile: Bool
  let queue: DatabaseQueue

  /// Opens (and if needed creates or upgrades) the history file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file; `":memory:"` is not special-cased (it opens a private in-memory
  ///     database, useful only in tests).
  ///   - createIfMissing: Whether a missing file is created (`save`) or an error (`runs`,
  ///     `load`, `compare`).
  /// - Throws: ``HistoryError/Code/notAHistory`` for a file that is not an SQLite database or is
  ///   one without seg's tables, ``HistoryError/Code/newerFormat`` for a file from a newer seg,
  ///   ``HistoryError/Code/fileNotFound`` and ``HistoryError/Code/cannotOpen``.
  public init(path: String, createIfMissing: Bool = true) throws(HistoryError) {
    self.path = path
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    if !createIfMissing && !exists {
      throw HistoryError(.fileNotFound, "no history file '\(path)'")
    }
    if exists {
      // A history is an SQLite file: a folder, a device (`/dev/full`) or a FIFO is refused
      // rather than handed to SQLite, which would fail obscurely or block.
      let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
      if isDirectory.boolValue || type != .typeRegular {
        throw HistoryError(
          .cannotOpen,
          "cannot open '\(path)': it is \(isDirectory.boolValue ? "a folder" : "not a regular file")"
            + " (\(isDirectory.boolValue ? "EISDIR" : "ENODEV"))")
      }
    }
    createdFile = !exists
    var configuration = Configuration()
    configuration.busyMode = .timeout(5)
    configuration.label = "seg-history"
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw Self.translate(error, path: path, doing: "open")
    }
    do throws(HistoryError) {
      try Self.checkAndMigrate(queue, path: path)
    } catch {
      if !exists { Self.removeFiles(of: path) }
      throw error
    }
  }

  /// Removes the file this store created, with SQLite's journal, after a failed first save: a
  /// full disk must not leave an empty history behind. Does nothing when the file was there
  /// before.
  public func removeCreatedFile() {
    if createdFile { Self.removeFiles(of: path) }
  }

  private static func removeFiles(of path: String) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  /// A new, empty history held in memory, named `name` in messages (for in-memory test hosts).
  ///
  /// Each call creates a separate database; keep the store to see earlier saves.
  package init(inMemoryNamed name: String) throws(HistoryError) {
    path = name
    createdFile = false
    do {
      queue = try DatabaseQueue(named: nil, configuration: Configuration())
    } catch {
      throw Self.translate(error, path: name, doing: "open")
    }
    try Self.checkAndMigrate(queue, path: name)
  }

  /// The schema versions applied to the file, oldest first (`["v1", "v2"]` once opened).
  package func appliedSchemaVersions() throws(HistoryError) -> [String] {
    try read { db in try HistorySchema.migrator.appliedMigrations(db) }
  }

  private static func checkAndMigrate(_ queue: DatabaseQueue, path: String) throws(HistoryError) {
    let migrator = HistorySchema.migrator
    do {
      try queue.writeWithoutTransaction { db in
        let tables = try String.fetchAll(
          db,
          sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        guard !tables.isEmpty else { return }
        guard tables.contains("seg_history") else {
          let shown = tables.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
          let more = tables.count > 5 ? ", …" : ""
          throw HistoryError(
            .notAHistory,
            "'\(path)' is not a seg history file: it is an SQLite database with tables "
              + "\(shown)\(more) but none of seg's")
        }
        let format = try String.fetchOne(
          db, sql: "SELECT value FROM seg_history WHERE key = 'format'")
        guard format == HistorySchema.format else {
          throw HistoryError(
            .notAHistory, "'\(path)' is not a seg history file: its format marker is missing")
        }
        if try migrator.hasBeenSuperseded(db) {
          let known = HistorySchema.versions.last ?? ""
          throw HistoryError(
            .newerFormat,
            "'\(path)' was written by a newer seg (its schema is newer than \(known)); "
              + "upgrade seg to read it")
        }
      }
      try migrator.migrate(queue)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw translate(error, path: path, doing: "open")
    }
  }

  /// A read in a transaction, with errors translated.
  func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
    do {
      return try queue.read(body)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw Self.translate(error, path: path, doing: "read")
    }
  }

  /// Turns a GRDB or SQLite error into a ``HistoryError`` that names the file; SQL arguments
  /// (customer values) are never included.
  static func translate(_ error: any Error, path: String, doing verb: String) -> HistoryError {
    if let error = error as? HistoryError { return error }
    if let error = error as? DamagedHistory {
      return HistoryError(
        .notAHistory, "'\(path)' is not a seg history file: \(error.what) is damaged")
    }
    if error is RowDecodingError {
      return HistoryError(
        .notAHistory, "'\(path)' is not a seg history file: a stored value has the wrong type")
    }
    guard let error = error as? DatabaseError else {
      return HistoryError(.database, "cannot \(verb) '\(path)': \(error)")
    }
    let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
    switch error.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return HistoryError(.notAHistory, "'\(path)' is not a seg history file: \(reason)")
    case .SQLITE_CANTOPEN:
      return HistoryError(.cannotOpen, "cannot open '\(path)': \(reason)")
    case .SQLITE_FULL:
      return HistoryError(.database, "cannot \(verb) '\(path)': the disk is full (ENOSPC)")
    case .SQLITE_READONLY, .SQLITE_PERM:
      return HistoryError(.cannotOpen, "cannot \(verb) '\(path)': permission denied (EACCES)")
    default:
      return HistoryError(.database, "cannot \(verb) '\(path)': \(reason)")
    }
  }
}

/// A stored value that cannot be decoded (a file edited by hand or damaged); translated into a
/// ``HistoryError`` naming the file.
struct DamagedHistory: Error {
  var what: String
}
