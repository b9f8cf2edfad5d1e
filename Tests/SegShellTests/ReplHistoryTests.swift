import Foundation
import SegTestSupport
import Testing

@testable import SegShell

@Suite struct ReplHistoryTests {
  @Test func consecutiveDuplicatesAreKeptOnce() {
    var history = ReplHistory()
    #expect(history.record("scale") == "scale")
    #expect(history.record("scale") == nil)
    history.record("elbow 2..10")
    history.record("scale")
    #expect(history.entries == ["scale", "elbow 2..10", "scale"])
  }

  @Test func aLeadingSpaceKeepsAStatementOutOfHistory() {
    var history = ReplHistory()
    #expect(history.record(" load \"secret.csv\"") == nil)
    #expect(history.record("\n") == nil)
    #expect(history.record("   ") == nil)
    #expect(history.entries.isEmpty)
  }

  @Test func trailingBlanksAreDroppedButInnerNewlinesKept() {
    var history = ReplHistory()
    #expect(
      history.record("cluster cols=[recency,\n  frequency] \t\n")
        == "cluster cols=[recency,\n  frequency]")
    #expect(history.record("cluster cols=[recency,\n  frequency]") == nil, "same entry")
  }

  @Test func theOldestEntriesGoBeyondTheCapacity() {
    var history = ReplHistory()
    for index in 0..<2_005 { history.record("filter recency < \(index)") }
    #expect(history.entries.count == 2_000)
    #expect(history.entries.first == "filter recency < 5")
    #expect(history.entries.last == "filter recency < 2004")
  }

  @Test func loadingAppliesTheSameRules() {
    let history = ReplHistory(entries: ["a", "a", " b", "c", "d"], capacity: 2)
    #expect(history.entries == ["c", "d"])
  }
}

@Suite struct ReplHistoryFileTests {
  @Test(arguments: [
    "plain", "multi\nline\nstatement", #"back\slash and \n literal"#, "carriage\r\nreturn",
    "trailing backslash \\", "ünïcødé ✓",
  ])
  func entriesRoundTripThroughTheFileFormat(entry: String) {
    let line = HistoryFile.escape(entry)
    #expect(!line.contains("\n"))
    #expect(HistoryFile.unescape(line) == entry)
  }

  @Test func theFileStartsWithAVersionHeader() {
    let data = HistoryFile.encode(["a\nb", "c"])
    #expect(String(decoding: data, as: UTF8.self) == "#seg-history v1\na\\nb\nc\n")
  }

  @Test func writeThenLoadGivesTheEntriesBack() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let file = HistoryFile(url: directory.url.appendingPathComponent("state/seg/history"))
    let entries = ["load \"my data.csv\"", "cluster cols=[recency,\n  frequency]", "x\\y"]
    try file.write(entries)
    #expect(file.load() == .init(entries: entries, warnings: [], isWritable: true))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.url.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
  }

  @Test func aMissingFileIsAnEmptyHistory() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let file = HistoryFile(url: directory.url.appendingPathComponent("none"))
    #expect(file.load() == .init(entries: [], warnings: [], isWritable: true))
  }

  @Test func corruptLinesAreSkippedWithOneWarning() {
    var bytes = Array("#seg-history v1\ngood one\nbad \\q escape\n".utf8)
    bytes += [0xFF, 0xFE, 0x0A]  // not UTF-8
    bytes += Array("dangling \\\ngood two\r\n\n".utf8)
    let contents = HistoryFile.decode(Data(bytes), path: "/h")
    #expect(contents.entries == ["good one", "good two"])
    #expect(contents.warnings == [HistoryWarning(.skippedLines(path: "/h", count: 3))])
    #expect(contents.isWritable)
  }

  @Test func aForeignFileIsReportedAndNeverWritten() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let url = directory.url.appendingPathComponent("history")
    try Data("ls -la\ncd /tmp\n".utf8).write(to: url)
    let (persistent, warnings) = PersistentHistory.open(file: HistoryFile(url: url))
    #expect(warnings == [HistoryWarning(.notAHistoryFile(path: url.path))])
    var history = persistent
    #expect(history.record("scale") == .init(entry: "scale", warnings: []))
    #expect(try Data(contentsOf: url) == Data("ls -la\ncd /tmp\n".utf8))
  }

  @Test func aNewerVersionIsLeftAlone() {
    let contents = HistoryFile.decode(Data("#seg-history v2\nwhatever\n".utf8), path: "/h")
    #expect(contents.warnings == [HistoryWarning(.newerVersion(path: "/h", version: 2))])
    #expect(!contents.isWritable)
  }

  @Test func aDirectoryInPlaceOfTheFileIsUnreadable() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let contents = HistoryFile(url: directory.url).load()
    guard case .unreadable(let path, _)? = contents.warnings.first?.kind else {
      Issue.record("expected an unreadable warning, got \(contents.warnings)")
      return
    }
    #expect(path == directory.url.path)
    #expect(!contents.isWritable)
  }

  @Test func anUnwritableDirectoryIsAWarningNotACrash() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    // A regular file where the directory should be: creating the directory fails, even as root.
    let blocker = directory.url.appendingPathComponent("state")
    try Data("x".utf8).write(to: blocker)
    let file = HistoryFile(url: blocker.appendingPathComponent("seg/history"))
    var (history, openWarnings) = PersistentHistory.open(file: file)
    #expect(openWarnings.isEmpty)
    let first = history.record("scale")
    #expect(first.entry == "scale")
    guard case .unwritable(let path, _)? = first.warnings.first?.kind else {
      Issue.record("expected an unwritable warning, got \(first.warnings)")
      return
    }
    #expect(path == file.url.path)
    #expect(history.record("elbow").warnings.isEmpty, "reported once per session")
    #expect(history.history.entries == ["scale", "elbow"])
  }

  @Test func aFailedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let file = HistoryFile(url: directory.url.appendingPathComponent("history"))
    try file.write(["old entry"])
    let before = try Data(contentsOf: file.url)
    // Occupy the temporary file's name with a non-empty directory, so creating it fails.
    let temporary = HistoryFile.temporaryURL(for: file.url)
    try FileManager.default.createDirectory(
      at: temporary.appendingPathComponent("inner"), withIntermediateDirectories: true)
    #expect(throws: HistoryWarning.self) { try file.write(["new entry"]) }
    #expect(try Data(contentsOf: file.url) == before)
    try FileManager.default.removeItem(at: temporary)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
    #expect(leftovers == ["history"])
  }

  @Test func aSymbolicLinkStaysALink() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let target = directory.url.appendingPathComponent("real-history")
    let link = directory.url.appendingPathComponent("history")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try HistoryFile(url: link).write(["scale"])
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
    #expect(HistoryFile(url: target).load().entries == ["scale"])
  }

  @Test func twoSessionsBothLeaveTheirStatements() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let file = HistoryFile(url: directory.url.appendingPathComponent("history"))
    var first = PersistentHistory.open(file: file).0
    var second = PersistentHistory.open(file: file).0
    _ = first.record("load \"a.csv\"")
    _ = second.record("load \"b.csv\"")
    _ = first.record("scale")
    #expect(file.load().entries == ["load \"a.csv\"", "load \"b.csv\"", "scale"])
    #expect(first.history.entries == ["load \"a.csv\"", "scale"])
  }

  @Test func aCorruptFileIsRewrittenCleanOnTheNextSave() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let url = directory.url.appendingPathComponent("history")
    try Data("#seg-history v1\nkeep\nbroken \\z\n".utf8).write(to: url)
    var (history, warnings) = PersistentHistory.open(file: HistoryFile(url: url))
    #expect(warnings == [HistoryWarning(.skippedLines(path: url.path, count: 1))])
    #expect(history.record("scale").warnings.isEmpty, "already reported at start")
    #expect(try String(contentsOf: url, encoding: .utf8) == "#seg-history v1\nkeep\nscale\n")
  }

  @Test func theLocationFollowsTheEnvironment() {
    func path(_ environment: [String: String]) -> String? {
      HistoryFile.location(environment: environment)?.url.path
    }
    #expect(path(["HOME": "/home/ana"]) == "/home/ana/.local/state/seg/history")
    #expect(path(["HOME": "/home/ana", "XDG_STATE_HOME": "/state"]) == "/state/seg/history")
    #expect(
      path(["HOME": "/home/ana", "XDG_STATE_HOME": "relative"])
        == "/home/ana/.local/state/seg/history")
    #expect(path(["HOME": "/home/ana", "SEG_HISTORY": "/tmp/h"]) == "/tmp/h")
    #expect(path(["HOME": "/home/ana", "SEG_HISTORY": "~/h"]) == "/home/ana/h")
    #expect(path(["HOME": "/home/ana", "SEG_HISTORY": ""]) == nil)
    #expect(path([:]) == nil)
  }
}
