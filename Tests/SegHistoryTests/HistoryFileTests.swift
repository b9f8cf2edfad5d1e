import Foundation
import GRDB
import Synchronization
import Testing

@testable import SegHistory

#if canImport(Glibc)
import Glibc
#endif

/// What happens to the file itself: interrupted saves, foreign files, older and newer schemas.
@Suite struct HistoryFileTests {
  let data = MonthlyRefresh()

  @Test func aSaveThatFailsMidwayLeavesEarlierRunsIntact() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("history.db")
    let store = try HistoryStore(path: path)
    _ = try store.save(data.run(month: 0))
    _ = try store.save(data.run(month: 1))
    let before = try store.run(id: 2)
    let reached = Mutex<SaveProgress?>(nil)
    let error = #expect(throws: HistoryError.self) {
      try store.save(data.run(month: 2)) { progress in
        reached.withLock { $0 = progress }
        throw HistoryError(.database, "simulated failure")
      }
    }
    #expect(error == HistoryError(.database, "simulated failure"))
    #expect(
      reached.withLock { $0 } == SaveProgress(runID: 3, customersWritten: 128, customerCount: 256))
    let reopened = try HistoryStore(path: path, createIfMissing: false)
    #expect(try reopened.runs().map(\.id) == [1, 2])
    #expect(try reopened.run(id: 2) == before)
    // The rolled-back run used no id: the next save gets 3.
    #expect(try reopened.save(data.run(month: 2)).id == 3)
  }

  @Test func aProcessKilledMidSaveLeavesEarlierRunsIntact() async throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("history.db")
    do {
      let store = try HistoryStore(path: path)
      _ = try store.save(data.run(month: 0))
      _ = try store.save(data.run(month: 1))
    }
    await #expect(processExitsWith: .signal(SIGABRT)) { [path = path as String] in
      let store = try HistoryStore(path: path)
      _ = try store.save(MonthlyRefresh().run(month: 2)) { _ in abort() }
    }
    // The killed process left its rollback journal behind: it died inside the transaction.
    #expect(FileManager.default.fileExists(atPath: path + "-journal"))
    let store = try HistoryStore(path: path, createIfMissing: false)
    #expect(try store.runs().map(\.id) == [1, 2])
    #expect(try store.run(id: 2).record == data.run(month: 1))
    let check = try await DatabaseQueue(path: path).read { db in
      try String.fetchOne(db, sql: "PRAGMA integrity_check")
    }
    #expect(check == "ok")
    #expect(try store.save(data.run(month: 2)).id == 3)
  }

  @Test func randomBytesAreNotAHistory() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("noise.db")
    var rng = SeededGeneratorForTests(seed: 7)
    let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
    #expect(
      error
        == HistoryError(.notAHistory, "'\(path)' is not a seg history file: file is not a database")
    )
    // Nothing was written over the file.
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
  }

  @Test func aCSVFileIsNotAHistory() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("transactions.csv")
    try Data("InvoiceNo,StockCode\n536365,85123A\n".utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try HistoryStore(path: path)
      Issue.record("a CSV file opened as a history")
    } catch HistoryError.notAHistory {
      // The documented `catch` pattern matches.
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func anotherSQLiteDatabaseIsNotAHistory() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("orders.db")
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE orders (id INTEGER); CREATE TABLE users (name TEXT)")
    }
    let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
    #expect(
      error
        == HistoryError(
          .notAHistory,
          "'\(path)' is not a seg history file: it is an SQLite database with tables 'orders', "
            + "'users' but none of seg's"))
    // Its tables were left alone: no migration ran.
    let tables = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name")
    }
    #expect(tables == ["orders", "users"])
  }

  @Test func anEmptyFileBecomesAHistory() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("empty.db")
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    let store = try HistoryStore(path: path)
    #expect(try store.appliedSchemaVersions() == HistorySchema.versions)
    #expect(try store.runs().isEmpty)
  }

  @Test func aMissingFileIsAnErrorWhenNotCreating() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("none.db")
    let error = #expect(throws: HistoryError.self) {
      try HistoryStore(path: path, createIfMissing: false)
    }
    #expect(error == HistoryError(.fileNotFound, "no history file '\(path)'"))
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func aMissingDirectoryCannotBeOpened() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("no/such/dir/history.db")
    let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
    #expect(error?.code == .cannotOpen)
    #expect(error?.message.hasPrefix("cannot open '\(path)': ") == true)
  }

  @Test func aVersion1FileIsMigratedAndKeepsItsRun() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("old.db")
    try LegacyHistory.writeVersion1(at: path)
    try expectMigratedVersion1(at: path)
  }

  /// The committed fixture was written by `LegacyHistory.writeVersion1` when v1 was current;
  /// `SEG_RECORD=1` rewrites it (and fails, so a recording never passes silently).
  @Test func theCommittedVersion1FixtureIsMigrated() throws {
    if ProcessInfo.processInfo.environment["SEG_RECORD"] == "1" {
      let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/history-v1.db").path
      try? FileManager.default.removeItem(atPath: target)
      try LegacyHistory.writeVersion1(at: target)
      Issue.record("recorded \(target); run again without SEG_RECORD")
      return
    }
    let fixture = try #require(
      Bundle.module.url(forResource: "history-v1", withExtension: "db", subdirectory: "Fixtures"))
    let dir = try TemporaryDirectory()
    let path = dir.path("copy.db")
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    let before = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(before == ["v1"])
    try expectMigratedVersion1(at: path)
  }

  private func expectMigratedVersion1(at path: String) throws {
    let store = try HistoryStore(path: path, createIfMissing: false)
    #expect(try store.appliedSchemaVersions() == ["v1", "v2"])
    let runs = try store.runs()
    #expect(runs.map(\.id) == [1])
    #expect(runs.first?.segVersion == "0.0.9")
    let old = try store.run(id: 1)
    #expect(old.matching == nil)
    #expect(old.record.customers.ids == ["17850", "13047", "12583"])
    #expect(old.record.customers.features == [8, 160, 12, 140, 300, 20])
    #expect(old.record.segmentNames == ["Champions", "Lost"])
    #expect(old.record.parameters == ["asof": "2011-09-01"])
    #expect(old.record.seed == 7)
    #expect(old.record.profiles.map(\.revenue) == [300, 20])
    // A run saved after the migration matches against the old run and compares with it.
    let run = RunRecord(
      createdAt: Date(timeIntervalSince1970: 1_317_448_800), asof: "2011-10-01",
      segVersion: "0.1.0", script: "rfm\n", inputFile: "new.csv", inputSHA256: "",
      parameters: [:], seed: 7, method: "kmeans", featureNames: ["monetary", "recency"],
      segments: [
        RunSegment(name: "Lost", centroid: [25, 290], scaledCentroid: [-1.35, 1.45]),
        RunSegment(name: "Champions", centroid: [150, 10], scaledCentroid: [0.7, -0.72]),
      ],
      customers: RunCustomers(
        ids: ["17850", "12583", "99999"], features: [150, 9, 25, 290, 151, 11],
        revenue: [150, 25, 151], clusters: [1, 0, 1]))
    let saved = try store.save(run)
    #expect(saved.matching.previousRunID == 1)
    #expect(saved.matching.mapping == ["Lost", "Champions"])
    let c = try #require(try store.compareLatest().comparison)
    #expect(c.counts == [1, 0, 0, 1])  // Champions→Champions 1; Lost→Lost 1, on the diagonal
    #expect(c.currentSegments == ["Champions", "Lost"])
    #expect(c.left == [1, 0] && c.arrived == [1, 0])
    #expect(try c.share(from: "Champions", to: "Champions") == 1)
  }

  @Test func aFileFromANewerSegIsRefused() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("future.db")
    _ = try HistoryStore(path: path)
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3')")
    }
    let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
    #expect(error?.code == .newerFormat)
    #expect(error?.message.hasPrefix("'\(path)' was written by a newer seg") == true)
  }

  @Test func aDamagedValueIsReportedNotTrapped() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("damaged.db")
    let store = try HistoryStore(path: path)
    _ = try store.save(data.run(month: 0))
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "UPDATE customer SET features = 'oops' WHERE rowid = 5")
      try db.execute(sql: "UPDATE run SET k = 'four'")
    }
    let error = #expect(throws: HistoryError.self) { try store.run(id: 1) }
    #expect(
      error
        == HistoryError(
          .notAHistory,
          "'\(path)' is not a seg history file: a customer's features in run 1 is damaged"))
    let listing = #expect(throws: HistoryError.self) { try store.runs() }
    #expect(
      listing
        == HistoryError(
          .notAHistory, "'\(path)' is not a seg history file: a stored value has the wrong type"))
  }

  @Test func twoStoresOnOneFileSeeEachOthersRuns() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("shared.db")
    let a = try HistoryStore(path: path)
    let b = try HistoryStore(path: path)
    _ = try a.save(data.run(month: 0))
    let second = try b.save(data.run(month: 1))
    #expect(second.id == 2 && second.matching.previousRunID == 1)
    #expect(try a.runs().count == 2)
  }
}

/// SplitMix64, for test bytes that do not depend on SegCore.
struct SeededGeneratorForTests: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
