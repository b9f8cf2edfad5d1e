import Foundation
import SegTestSupport
import Testing

/// Every fenced block of `README.md` and `docs/*.md` either runs or says it is illustrative, so
/// the docs cannot drift from seg (issue 16, item 19). The convention, documented in
/// `docs/examples.md`, is the block's info string:
///
/// - ```` ```seg ````: a script; this suite runs it through the built `seg` and expects exit
///   status 0 (`exit=N` after `seg` expects N; a `# args: …` line gives `seg run` arguments).
/// - ```` ```seg continued ````: continues the document's previous `seg` block, as the tutorial
///   walks through one script: the blocks run together, as one script.
/// - any other language (`text`, `sh`, `ini`, `python`, …): illustrative, not run (output,
///   shell commands, configuration).
/// - ```` ```seg database ````: needs a PostgreSQL server; `WarehouseDocsTests` runs it against
///   the test server instead.
/// - a block without an info string fails this suite.
///
/// Scripts run in a scratch directory laid out like a checkout: `examples/` holds the example
/// scripts and, as `examples/data/online_retail.csv.gz`, the first 20,000 rows of the example
/// data (so the full pipeline runs in seconds in a debug build), and `out/` exists. The
/// numbers the docs print come from the full data and are not compared here.
/// `docs/commands.md` is generated from the command registry, whose examples `DocsTests` parse.
@Suite struct DocsExampleTests {
  /// One script to run: a `seg` block with the blocks it continues.
  struct Example: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var script: String
    var expectedStatus: Int32
    var arguments: [String]
    var testDescription: String { "\(file):\(line)" }
  }

  /// A fenced block of a Markdown file.
  struct Block: Sendable {
    var file: String
    var line: Int
    var info: [String]
    var text: String
  }

  /// The documents whose blocks are checked.
  static var documents: [String] {
    let docs = RepositoryPaths.root.appendingPathComponent("docs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
    return ["README.md"]
      + names.filter { $0.hasSuffix(".md") && $0 != "commands.md" }.sorted().map { "docs/\($0)" }
  }

  /// The fenced blocks of `text`; fences may be indented (inside lists) and longer than three
  /// backticks (a block that shows fences).
  static func blocks(of text: String, file: String) -> [Block] {
    var out: [Block] = []
    var open: (line: Int, indent: Int, fence: String, info: [String], lines: [Substring])?
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = raw.drop { $0 == " " }
      if var current = open {
        if trimmed == current.fence {
          out.append(
            Block(
              file: file, line: current.line, info: current.info,
              text: current.lines.map { String($0.dropFirst(min(current.indent, $0.count))) }
                .joined(separator: "\n") + "\n"))
          open = nil
        } else {
          current.lines.append(raw)
          open = current
        }
      } else if trimmed.hasPrefix("```") {
        let fence = String(trimmed.prefix { $0 == "`" })
        let info = trimmed.dropFirst(fence.count).split(separator: " ").map(String.init)
        open = (i + 1, raw.count - trimmed.count, fence, info, [])
      }
    }
    return out
  }

  static let allBlocks: [Block] = documents.flatMap { file in
    let url = RepositoryPaths.root.appendingPathComponent(file)
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return blocks(of: text, file: file)
  }

  /// The scripts to run: each `seg` block joined to the blocks it continues; a chain runs once,
  /// at its last block.
  static let examples: [Example] = {
    var out: [Example] = []
    for block in allBlocks where block.info.first == "seg" && !block.info.contains("database") {
      let status = block.info.compactMap { word -> Int32? in
        word.hasPrefix("exit=") ? Int32(word.dropFirst(5)) : nil
      }.first
      let arguments = block.text.split(separator: "\n").first { $0.hasPrefix("# args: ") }
        .map { $0.dropFirst("# args: ".count).split(separator: " ").map(String.init) } ?? []
      if block.info.contains("continued"), var last = out.popLast(), last.file == block.file {
        last.script += block.text
        last.line = block.line
        last.expectedStatus = status ?? last.expectedStatus
        last.arguments += arguments
        out.append(last)
      } else {
        out.append(
          Example(
            file: block.file, line: block.line, script: block.text, expectedStatus: status ?? 0,
            arguments: arguments))
      }
    }
    return out
  }()

  @Test func everyFencedBlockSaysWhetherItRuns() {
    #expect(Self.allBlocks.count > 40)
    for block in Self.allBlocks {
      #expect(
        !block.info.isEmpty,
        "\(block.file):\(block.line): give the block an info string: seg to run it, text (or its language) if it is illustrative"
      )
    }
    // The marking is used where it matters.
    #expect(Self.examples.count >= 10)
    #expect(Self.examples.contains { $0.file == "docs/tutorial.md" })
    #expect(Self.examples.contains { $0.file == "README.md" })
    #expect(Self.examples.contains { $0.file == "docs/refresh.md" })
  }

  @Test func aContinuedBlockJoinsThePreviousOne() {
    let text = """
      a
      ```seg
      load "x"
      ```
      ````text
      ```seg
      shown, not run
      ```
      ````
        ```seg continued exit=3
        assert 1 == 2
        ```
      """
    let blocks = Self.blocks(of: text, file: "t.md")
    #expect(blocks.map(\.info) == [["seg"], ["text"], ["seg", "continued", "exit=3"]])
    #expect(blocks.map(\.line) == [2, 5, 10])
    #expect(blocks[1].text == "```seg\nshown, not run\n```\n")
    #expect(blocks[2].text == "assert 1 == 2\n")
  }

  @Test(arguments: DocsExampleTests.examples)
  func docExampleRuns(_ example: Example) throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let checkout = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: checkout) }
    try Data(example.script.utf8).write(to: checkout.appendingPathComponent("example.seg"))
    // A block that starts `# command: check`, as the golden scripts mark it, shows `seg check`.
    let command = example.script.hasPrefix("# command: check") ? "check" : "run"
    let r = try SegProcess.run(
      binary, arguments: [command, "example.seg"] + example.arguments, in: checkout)
    #expect(
      r.status == example.expectedStatus,
      "\(example.file):\(example.line) exited \(r.status):\n\(example.script)\n\(r.stderr)")
    if example.expectedStatus == 0 {
      #expect(!r.stderr.contains("error:"), "\(example.file):\(example.line): \(r.stderr)")
    }
  }

  /// Writes the first 20,000 data rows of the example data, gzip-compressed, to `url`.
  static func writeSample(to url: URL) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = [
      "-c", "gzip -dc \"$1\" | head -n 20001 | gzip -c > \"$2\"", "sh",
      RepositoryPaths.exampleData.path, url.path,
    ]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
  }

  /// A scratch directory laid out like a checkout (see the suite's summary).
  static func checkout() throws -> URL {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("seg-docs-\(UUID().uuidString)")
    let data = dir.appendingPathComponent("examples/data")
    try fm.createDirectory(at: data, withIntermediateDirectories: true)
    try fm.createDirectory(
      at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
    try writeSample(to: data.appendingPathComponent("online_retail.csv.gz"))
    // The golden scripts' small data files, which some pages' examples load as data/NAME.
    try fm.copyItem(
      at: RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts/data"),
      to: dir.appendingPathComponent("data"))
    for name in ["online_retail.seg", "refresh.seg"] {
      try fm.copyItem(
        at: RepositoryPaths.root.appendingPathComponent("examples/\(name)"),
        to: dir.appendingPathComponent("examples/\(name)"))
    }
    return dir
  }
}
