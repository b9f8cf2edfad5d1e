import Foundation
import SegTestSupport
import Testing

/// The corpus of real-world log shapes (`Shapes/NAME/`, written by `scripts/make_log_shapes.py`):
/// each folder holds the data as such exports are written, `shape.seg` (what an analyst types:
/// `load` with at most role options, then `rfm`) and `expected.csv`, the oracle's recency,
/// frequency and monetary value for every customer, computed from the generator's ground truth
/// with exact decimal money.
///
/// Each script runs through the built binary. It must exit 0, its customer table must equal the
/// oracle's (integers exactly; money as the double nearest the exact decimal sum, which is what
/// exact money gives; no money column for logs without money), and its printed output must
/// match `shape.transcript`, so the load summary's account of the rules it applied is pinned.
@Suite struct LogShapeTests {
  static let folder = RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Shapes")

  static var names: [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return entries.filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/shape.seg").path)
    }.sorted()
  }

  @Test func theCorpusHasEveryShapeTheIssueNames() {
    #expect(
      Set(LogShapeTests.names).isSuperset(of: [
        "superstore", "semicolon_comma", "dd_mon_yy", "no_money", "olist", "cdnow", "currency",
        "epoch", "iso_offset", "status", "xlsx", "uci", "german", "french", "shopify", "ebay",
        "day_numbers", "ta_feng", "events",
      ]))
  }

  @Test(arguments: LogShapeTests.names)
  func shapeLoadsAndMatchesItsOracle(name: String) throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let shape = LogShapeTests.folder.appendingPathComponent(name)
    let scratch = try TemporaryDirectory()
    defer { scratch.cleanup() }
    let out = scratch.path("rfm.csv")
    let result = try SegProcess.run(binary, arguments: ["run", "shape.seg", "out=\(out)"], in: shape)
    #expect(result.status == 0, "\(name): exit \(result.status)\n\(result.stderr)")
    guard result.status == 0 else { return }

    let transcript = """
      --- stdout
      \(result.stdout.replacingOccurrences(of: out, with: "OUT"))--- stderr
      \(result.stderr)
      """
    switch Golden.check(transcript, against: shape.appendingPathComponent("shape.transcript")) {
    case .matches: break
    case .recorded: Issue.record("recorded \(name)/shape.transcript; run again without SEG_RECORD")
    case .differs(let why): Issue.record("\(name)/shape.transcript differs (SEG_RECORD=1 to rewrite): \(why)")
    }

    let actual = try CSVRows(url: URL(fileURLWithPath: out))
    let expected = try CSVRows(url: shape.appendingPathComponent("expected.csv"))
    let hasMoney = expected.rows.contains { !($0["monetary"] ?? "").isEmpty }
    #expect(
      actual.header.contains("monetary") == hasMoney,
      "\(name): monetary column \(hasMoney ? "missing" : "present in a log without money")")
    let seg = Dictionary(actual.rows.map { ($0["customer"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    let oracle = Dictionary(expected.rows.map { ($0["customer"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    #expect(seg.count == actual.rows.count, "\(name): repeated customers in seg's table")
    let missing = oracle.keys.filter { seg[$0] == nil }.sorted()
    let extra = seg.keys.filter { oracle[$0] == nil }.sorted()
    #expect(missing.isEmpty, "\(name): \(missing.count) customers missing, e.g. \(missing.prefix(3))")
    #expect(extra.isEmpty, "\(name): \(extra.count) customers not in the oracle, e.g. \(extra.prefix(3))")
    var wrong: [String] = []
    for (customer, want) in oracle.sorted(by: { $0.key < $1.key }) {
      guard let got = seg[customer] else { continue }
      var fields = ["recency", "frequency"]
      if hasMoney { fields.append("monetary") }
      for field in fields where !LogShapeTests.same(got[field], want[field], money: field == "monetary") {
        wrong.append("\(customer) \(field): seg \(got[field] ?? "-"), oracle \(want[field] ?? "-")")
      }
    }
    #expect(wrong.isEmpty, "\(name): \(wrong.count) wrong values, e.g.\n\(wrong.prefix(5).joined(separator: "\n"))")
  }

  /// Integers compare as text; money compares as the double nearest the oracle's exact decimal.
  static func same(_ a: String?, _ b: String?, money: Bool) -> Bool {
    guard let a, let b else { return false }
    if !money { return a == b }
    guard let x = Double(a), let y = Double(b) else { return false }
    return x == y
  }
}

/// A small CSV reader for the test's own files (quoted fields, no line breaks inside them).
struct CSVRows {
  var header: [String]
  var rows: [[String: String]]

  init(url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
      CSVRows.fields(of: String($0.hasSuffix("\r") ? $0.dropLast() : $0))
    }
    let names = lines.isEmpty ? [] : lines.removeFirst()
    header = names
    rows = lines.map { values in
      Dictionary(zip(names, values).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
    }
  }

  static func fields(of line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    fields.append(current)
    return fields
  }
}
