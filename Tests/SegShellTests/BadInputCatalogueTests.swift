import Foundation
import SegLang
import SegShell
import SegTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A file a catalogue entry puts in its folder before running.
enum CatalogueFile: Sendable {
  case text(String)
  case bytes([UInt8])
  case fifo
  case symlink(String)
  case directory
}

/// One bad input: the files, the script (`DIR` stands for the entry's folder), and what seg
/// must answer: the first error's diagnostic id and location (`case.seg:LINE:COLUMN`, or `seg`
/// for a diagnostic about no source), the exit status, and text the message must contain (the
/// data file's line and column for a data error).
struct BadInput: Sendable, CustomTestStringConvertible {
  var name: String
  var files: [String: CatalogueFile] = [:]
  var script: String
  var id: DiagnosticID
  var status: SegShell.ExitStatus
  var location: String
  var detail: String? = nil
  /// Files that must not exist afterwards (no partial output).
  var absent: [String] = []

  var testDescription: String { name }
}

/// The bad-input catalogue of issue 16.
///
/// Each entry ends in one clear diagnostic with its id,
/// location and exit status; nothing crashes, hangs, or leaves partial output behind.
/// docs/errors.md explains every id.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BadInputCatalogueTests {
  static let header = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"

  /// A small valid log: 24 customers, 2 to 4 invoices each, in 2011.
  static let log: String = {
    var out = header
    var invoice = 1000
    for c in 0..<24 {
      for k in 0..<(2 + c % 3) {
        invoice += 1
        let day = 1 + (c * 7 + k * 11) % 28
        let month = 1 + (c + k * 3) % 11
        let date = "2011-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        out += "\(invoice),P\(k),\(1 + (c * k) % 9),\(date),\(1 + c % 5).5,\(17000 + c)\n"
      }
    }
    return out
  }()

  static func row(_ fields: String) -> String { header + fields + "\n" }

  /// The first 60 bytes of a gzip stream of a small log (`gzip.compress(..., mtime=0)[:60]` in
  /// Python): a valid header and a deflate block cut short.
  static let truncatedGzip: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xED, 0xCE, 0xC1, 0x0A, 0xC2, 0x30,
    0x0C, 0xC6, 0xF1, 0x7B, 0x9F, 0x25, 0x4A, 0x92, 0xAE, 0xB6, 0x1E, 0x65, 0xBB, 0xF4, 0x32, 0x14,
    0xF1, 0x01, 0xC6, 0xEC, 0xA1, 0x88, 0x2D, 0x6C, 0x99, 0xE0, 0xDB, 0x3B, 0x11, 0xF4, 0x1D, 0x24,
    0x90, 0x4B, 0xF8, 0x7F, 0x87, 0x5F, 0x2C, 0x8F, 0x9A, 0xC7, 0xD4, 0x57,
  ]

  static let load = "load \"DIR/log.csv\"\n"
  static let segmented = load + "rfm asof=2011-12-10\nscale\ncluster k=3\nname auto\n"

  static let cases: [BadInput] = [
    // MARK: Files that are not transaction logs
    BadInput(
      name: "empty file", files: ["x.csv": .text("")], script: "load \"DIR/x.csv\"",
      id: "empty-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "whitespace only", files: ["x.csv": .text(" \n\n\t\n")], script: "load \"DIR/x.csv\"",
      id: "empty-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "BOM only", files: ["x.csv": .bytes([0xEF, 0xBB, 0xBF])], script: "load \"DIR/x.csv\"",
      id: "empty-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "header only", files: ["x.csv": .text(header)], script: "load \"DIR/x.csv\"",
      id: "header-only", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "unterminated quote in the header",
      files: ["x.csv": .text("\"InvoiceNo,Quantity\n1,2\n")], script: "load \"DIR/x.csv\"",
      id: "unterminated-quote", status: .runtimeError, location: "case.seg:1:6", detail: "x.csv:1"),
    BadInput(
      name: "unterminated quote in a row",
      files: ["x.csv": .text(row("1,\"A,1,2011-01-01,1.0,17850"))], script: "load \"DIR/x.csv\"",
      id: "unterminated-quote", status: .runtimeError, location: "case.seg:1:6", detail: "x.csv:2"),
    BadInput(
      name: "ragged row, too few fields",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,1.0,17850") + "2,A,1\n")],
      script: "load \"DIR/x.csv\"",
      id: "ragged-row", status: .runtimeError, location: "case.seg:1:6", detail: "x.csv:3"),
    BadInput(
      name: "ragged row, too many fields",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,1.0,17850,extra"))],
      script: "load \"DIR/x.csv\"",
      id: "ragged-row", status: .runtimeError, location: "case.seg:1:6", detail: "x.csv:2"),
    BadInput(
      name: "NUL bytes",
      files: ["x.csv": .bytes(Array(row("1,A,1,2011-01-01,1.0,17850").utf8) + [0, 0, 0, 10])],
      script: "load \"DIR/x.csv\"",
      id: "binary-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "binary file",
      files: [
        "x.csv": .bytes(
          [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
            + Array(repeating: 0xFF, count: 64))
      ],
      script: "load \"DIR/x.csv\"",
      id: "binary-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "duplicate column names",
      files: ["x.csv": .text("a,b,a\n1,2,3\n")], script: "load \"DIR/x.csv\"",
      id: "duplicate-column-name", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:1:3"),
    BadInput(
      name: "100k columns",
      files: ["x.csv": .text((0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n1\n")],
      script: "load \"DIR/x.csv\"",
      id: "too-many-columns", status: .runtimeError, location: "case.seg:1:6",
      detail: "16,384"),
    BadInput(
      name: "huge field in a number column",
      files: [
        "x.csv": .text(row("1,A,\(String(repeating: "9", count: 1 << 20)),2011-01-01,1.0,17850"))
      ],
      script: "load \"DIR/x.csv\"",
      id: "non-numeric-value", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:3"),
    BadInput(
      name: "a word in the quantity column",
      files: ["x.csv": .text(row("1,A,many,2011-01-01,1.0,17850"))], script: "load \"DIR/x.csv\"",
      id: "non-numeric-value", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:3"),
    BadInput(
      name: "a price out of range (1e999)",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,1e999,17850"))], script: "load \"DIR/x.csv\"",
      id: "non-numeric-value", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:5"),
    BadInput(
      name: "a word as a price",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,free,17850"))], script: "load \"DIR/x.csv\"",
      id: "non-numeric-value", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:5"),
    BadInput(
      name: "inf as a price",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,inf,17850"))], script: "load \"DIR/x.csv\"",
      id: "non-numeric-value", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:5"),
    BadInput(
      name: "a date that is no date",
      files: ["x.csv": .text(row("1,A,1,2011-02-30,1.0,17850"))], script: "load \"DIR/x.csv\"",
      id: "unparseable-date", status: .runtimeError, location: "case.seg:1:6",
      detail: "x.csv:2:4"),
    BadInput(
      name: "a role column that does not exist",
      files: ["x.csv": .text(row("1,A,1,2011-01-01,1.0,17850"))],
      script: "load \"DIR/x.csv\" \\\n  customer=Client",
      id: "missing-role-column", status: .runtimeError, location: "case.seg:2:12"),
    BadInput(
      name: "truncated gzip",
      files: ["x.csv.gz": .bytes(truncatedGzip)], script: "load \"DIR/x.csv.gz\"",
      id: "invalid-compressed-data", status: .runtimeError, location: "case.seg:1:6",
      detail: "truncated"),
    BadInput(
      name: "corrupt gzip",
      files: [
        "x.csv.gz": .bytes(
          [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + Array(repeating: 0xFF, count: 40))
      ],
      script: "load \"DIR/x.csv.gz\"",
      id: "invalid-compressed-data", status: .runtimeError, location: "case.seg:1:6",
      detail: "gzip"),
    BadInput(
      name: "a missing file", script: "load \"DIR/nothing.csv\"",
      id: "missing-file", status: .runtimeError, location: "case.seg:1:6"),
    BadInput(
      name: "a folder as input", files: ["d": .directory], script: "load \"DIR/d\"",
      id: "file-error", status: .runtimeError, location: "case.seg:1:6", detail: "directory"),
    BadInput(
      name: "a FIFO as input", files: ["f": .fifo], script: "load \"DIR/f\"",
      id: "file-error", status: .runtimeError, location: "case.seg:1:6", detail: "FIFO"),

    // MARK: Values RFM cannot sum
    BadInput(
      name: "a quantity that overflows 64 bits",
      files: [
        "x.csv": .text(
          row("1,A,9223372036854775807,2011-01-01,1.0,17850")
            + "2,A,9223372036854775807,2011-01-02,1.0,17850\n")
      ],
      script: "load \"DIR/x.csv\"\nrfm",
      id: "integer-overflow", status: .runtimeError, location: "case.seg:2:1"),
    BadInput(
      name: "money that overflows to infinity",
      files: ["x.csv": .text(row("1,A,10,2011-01-01,1e308,17850"))],
      script: "load \"DIR/x.csv\"\nrfm",
      id: "non-finite-money", status: .runtimeError, location: "case.seg:2:1"),
    BadInput(
      name: "dates in year 9999 leave no default asof",
      files: ["x.csv": .text(row("1,A,1,9999-12-31,1.0,17850"))],
      script: "load \"DIR/x.csv\"\nrfm",
      id: "rfm-error", status: .runtimeError, location: "case.seg:2:1", detail: "9999-12-31"),
    BadInput(
      name: "dates in year 0001 are all after asof",
      files: ["x.csv": .text(row("1,A,1,0001-01-01,1.0,17850"))],
      script: "load \"DIR/x.csv\"\nrfm asof=0001-01-01",
      id: "rfm-error", status: .runtimeError, location: "case.seg:2:1", detail: "before asof"),

    // MARK: Outputs that cannot be written
    BadInput(
      name: "export to a folder", files: ["log.csv": .text(log), "out": .directory],
      script: load + "export \"DIR/out\"",
      id: "file-error", status: .runtimeError, location: "case.seg:2:8", detail: "EISDIR"),
    BadInput(
      name: "export to a full disk", files: ["log.csv": .text(log)],
      script: load + "export \"/dev/full\"",
      id: "file-error", status: .runtimeError, location: "case.seg:2:8", detail: "ENOSPC"),
    BadInput(
      name: "export to a FIFO nobody reads", files: ["log.csv": .text(log), "f": .fifo],
      script: load + "export \"DIR/f\"",
      id: "file-error", status: .runtimeError, location: "case.seg:2:8", detail: "ENXIO"),
    BadInput(
      name: "export under a file", files: ["log.csv": .text(log)],
      script: load + "export \"DIR/log.csv/out.csv\"",
      id: "file-error", status: .runtimeError, location: "case.seg:2:8", detail: "ENOTDIR",
      absent: ["log.csv/out.csv"]),
    BadInput(
      name: "report to a full disk", files: ["log.csv": .text(log)],
      script: segmented + "report \"/dev/full\"",
      id: "file-error", status: .runtimeError, location: "case.seg:6:8", detail: "ENOSPC"),
    BadInput(
      name: "report to a folder", files: ["log.csv": .text(log), "out": .directory],
      script: segmented + "report \"DIR/out\"",
      id: "file-error", status: .runtimeError, location: "case.seg:6:8", detail: "EISDIR"),
    BadInput(
      name: "plot to a full disk",
      files: ["log.csv": .text(log), "full.svg": .symlink("/dev/full")],
      script: segmented + "plot sizes to \"DIR/full.svg\"",
      id: "file-error", status: .runtimeError, location: "case.seg:6:15", detail: "ENOSPC"),
    BadInput(
      name: "save to a folder", files: ["log.csv": .text(log), "h": .directory],
      script: segmented + "save \"DIR/h\"",
      id: "file-error", status: .runtimeError, location: "case.seg:6:6", detail: "EISDIR"),
    BadInput(
      name: "save to a device", files: ["log.csv": .text(log)],
      script: segmented + "save \"/dev/full\"",
      id: "file-error", status: .runtimeError, location: "case.seg:6:6",
      detail: "not a regular file"),

    // MARK: Scripts
    BadInput(
      name: "a binary script",
      files: ["case.seg": .bytes([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0])],
      script: "", id: "not-text", status: .usageError, location: "seg", detail: "not a text file"),
    BadInput(
      name: "a script that is not UTF-8",
      files: ["case.seg": .bytes(Array("echo \"caf".utf8) + [0xE9] + Array("\"\n".utf8))],
      script: "", id: "not-text", status: .usageError, location: "seg", detail: "line 1, column 10"),
    BadInput(
      name: "3,000 nested parentheses",
      script: "filter " + String(repeating: "(", count: 3000) + "x"
        + String(repeating: ")", count: 3000),
      id: "nesting-too-deep", status: .usageError, location: "case.seg:1:264"),
    BadInput(
      name: "3,000 nested negations",
      script: "echo " + String(repeating: "-", count: 3000) + "1",
      id: "nesting-too-deep", status: .usageError, location: "case.seg:1:262"),
    BadInput(
      name: "a chain of 20,000 operators",
      script: "echo (" + Array(repeating: "1", count: 20_001).joined(separator: " + ") + ")",
      id: "nesting-too-deep", status: .usageError, location: "case.seg:1:65545"),
    BadInput(
      name: "a 1 MB line with an unterminated string",
      script: "echo \"" + String(repeating: "a", count: 1 << 20),
      id: "unterminated-string", status: .usageError, location: "case.seg:1:6"),
    BadInput(
      name: "a 1 MB line of strings, then an unknown command",
      script: "set x = [" + Array(repeating: "\"abc\"", count: 150_000).joined(separator: ", ")
        + "]\nclustr k=4",
      id: "unknown-command", status: .usageError, location: "case.seg:2:1"),
    BadInput(
      name: "100k statements with errors",
      script: String(repeating: "ech 1\n", count: 100_000),
      id: "unknown-command", status: .usageError, location: "case.seg:1:1"),
    BadInput(
      name: "an invalid escape", script: "echo \"a\\qb\"",
      id: "invalid-escape", status: .usageError, location: "case.seg:1:8"),
    BadInput(
      name: "an escape character in a script's error", script: "echo \"\u{1B}]0;owned\u{07}",
      id: "unterminated-string", status: .usageError, location: "case.seg:1:6"),
    BadInput(
      name: "an option below its minimum", script: "cluster k=-1",
      id: "value-out-of-range", status: .usageError, location: "case.seg:1:11"),
    BadInput(
      name: "resamples=0 in choose", script: "choose 2..5 resamples=0",
      id: "value-out-of-range", status: .usageError, location: "case.seg:1:23"),
    BadInput(
      name: "a run number of 0", script: "load run=0 history=\"h.db\"",
      id: "value-out-of-range", status: .usageError, location: "case.seg:1:10"),
    BadInput(
      name: "a number literal out of range", script: "echo 1e999",
      id: "invalid-number", status: .usageError, location: "case.seg:1:6"),
    BadInput(
      name: "arithmetic that overflows", script: "echo (1e308 * 10)",
      id: "number-out-of-range", status: .runtimeError, location: "case.seg:1:13"),
    BadInput(
      name: "division by zero", script: "echo (1 / 0)",
      id: "division-by-zero", status: .runtimeError, location: "case.seg:1:9"),

    // MARK: Commands before their stage
    BadInput(
      name: "rfm before load", script: "rfm",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1"),
    BadInput(
      name: "filter before load", script: "filter Quantity > 0",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1"),
    BadInput(
      name: "head before load", script: "head",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1"),
    BadInput(
      name: "scale before rfm", files: ["log.csv": .text(log)], script: load + "scale",
      id: "unknown-name", status: .runtimeError, location: "case.seg:2:1"),
    BadInput(
      name: "cluster before load", script: "cluster k=3",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1"),
    BadInput(
      name: "choose before load", script: "choose 2..5",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1"),
    BadInput(
      name: "name before cluster", files: ["log.csv": .text(log)],
      script: load + "rfm asof=2011-12-10\nname auto",
      id: "unavailable", status: .runtimeError, location: "case.seg:3:1"),
    BadInput(
      name: "profile before cluster", files: ["log.csv": .text(log)],
      script: load + "rfm asof=2011-12-10\nprofile",
      id: "unavailable", status: .runtimeError, location: "case.seg:3:1"),
    BadInput(
      name: "save before cluster", files: ["log.csv": .text(log)],
      script: load + "rfm asof=2011-12-10\nsave \"DIR/h.db\"",
      id: "unavailable", status: .runtimeError, location: "case.seg:3:1", absent: ["h.db"]),
    BadInput(
      name: "export before load", script: "export \"DIR/out.csv\"",
      id: "no-table", status: .runtimeError, location: "case.seg:1:1", absent: ["out.csv"]),
    BadInput(
      name: "report before load", script: "report \"DIR/out.html\"",
      id: "unavailable", status: .runtimeError, location: "case.seg:1:1", absent: ["out.html"]
    ),
    BadInput(
      name: "compare without a history", script: "compare from=\"DIR/none.db\"",
      id: "file-error", status: .runtimeError, location: "case.seg:1:14"),
    BadInput(
      name: "plot elbow before choose", files: ["log.csv": .text(log)],
      script: load + "rfm asof=2011-12-10\nscale\nplot elbow",
      id: "nothing-to-plot", status: .runtimeError, location: "case.seg:4:6"),
  ]

  @Test(arguments: cases)
  func aBadInputEndsInOneClearDiagnostic(_ entry: BadInput) throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    for (name, file) in entry.files {
      let path = dir.path(name)
      switch file {
      case .text(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: path))
      case .fifo: #expect(mkfifo(path, 0o600) == 0)
      case .symlink(let target):
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
      case .directory:
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      }
    }
    let scriptPath = dir.path("case.seg")
    if entry.files["case.seg"] == nil {
      let text = entry.script.replacingOccurrences(of: "DIR", with: dir.url.path)
      try Data(text.utf8).write(to: URL(fileURLWithPath: scriptPath))
    }
    let host = RecordingHost()
    let status = SegCommandLine.main(
      arguments: ["run", scriptPath], host: host, isInputTerminal: false,
      readStandardInput: { nil })
    let errors = host.reports.filter { $0.diagnostic.severity == .error }
    let first = try #require(errors.first, "no error reported; output: \(host.output.prefix(300))")
    #expect(status == entry.status)
    #expect(first.diagnostic.id == entry.id, "\(first.diagnostic.message)")
    #expect(first.location == entry.location, "\(first.diagnostic.message)")
    if let detail = entry.detail {
      #expect(first.diagnostic.message.contains(detail), "\(first.diagnostic.message)")
    }
    // No flood: at most 50 diagnostics and a closing count.
    #expect(host.reports.count <= DiagnosticFlood.limit + 1)
    // Nothing printed from the script or data carries a raw escape character.
    let rendered = host.reports.map { DiagnosticRenderer().render($0.diagnostic, in: $0.source) }
    #expect(!rendered.joined().contains("\u{1B}"))
    for name in entry.absent {
      #expect(!FileManager.default.fileExists(atPath: dir.path(name)), "\(name) was written")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
      .filter { $0.contains(".seg-tmp-") }
    #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
  }

  @Test func theCatalogueCoversSixtyBadInputs() {
    #expect(Self.cases.count >= 60)
    #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
  }

  @Test func aFloodOfErrorsStopsWithACount() throws {
    let entry = try #require(Self.cases.first { $0.name == "100k statements with errors" })
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    try Data(entry.script.utf8).write(to: URL(fileURLWithPath: dir.path("case.seg")))
    let host = RecordingHost()
    _ = SegCommandLine.main(
      arguments: ["run", dir.path("case.seg")], host: host, isInputTerminal: false,
      readStandardInput: { nil })
    #expect(host.reports.count == DiagnosticFlood.limit + 1)
    let last = try #require(host.reports.last)
    #expect(last.diagnostic.id == .tooManyErrors)
    #expect(last.diagnostic.message == "and 99,950 more errors, not shown")
  }
}
