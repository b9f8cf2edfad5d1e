import Foundation
import SegTestSupport
import Testing

/// Runs every `Scripts/<name>.seg` through the built `seg` binary and compares stdout, stderr and
/// the exit status with `Scripts/<name>.transcript`. `SEG_RECORD=1` rewrites the transcripts (and
/// fails, so a recording run never passes silently).
///
/// A script's command line is `seg run <name>.seg`, unless a line `# args: ...` gives the
/// arguments after the script name (`# args: k=5`) or a line `# command: ...` gives them all
/// (`# command: check {}`, where `{}` is the script name). Scripts run in the Scripts folder.
@Suite struct GoldenScriptTests {
  static let folder = RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts")

  static var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".seg") }.map { String($0.dropLast(4)) }.sorted()
  }

  /// The arguments for script `name`, from its `# args:` or `# command:` line.
  static func arguments(for name: String, text: String) -> [String] {
    for line in text.split(separator: "\n") {
      if line.hasPrefix("# command: ") {
        return line.dropFirst("# command: ".count).split(separator: " ").map {
          $0 == "{}" ? "\(name).seg" : String($0)
        }
      }
      if line.hasPrefix("# args: ") {
        return ["run", "\(name).seg"] + line.dropFirst("# args: ".count).split(separator: " ").map(String.init)
      }
    }
    return ["run", "\(name).seg"]
  }

  @Test(arguments: GoldenScriptTests.names)
  func scriptMatchesItsTranscript(name: String) throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let script = GoldenScriptTests.folder.appendingPathComponent("\(name).seg")
    let text = try String(contentsOf: script, encoding: .utf8)
    let arguments = GoldenScriptTests.arguments(for: name, text: text)
    let result = try SegProcess.run(binary, arguments: arguments, in: GoldenScriptTests.folder)
    let transcript = """
      $ seg \(arguments.joined(separator: " "))
      --- stdout
      \(result.stdout)--- stderr
      \(result.stderr)--- exit status \(result.status)

      """
    let url = GoldenScriptTests.folder.appendingPathComponent("\(name).transcript")
    switch Golden.check(transcript, against: url) {
    case .matches: break
    case .recorded: Issue.record("recorded \(name).transcript; run again without SEG_RECORD")
    case .differs(let why):
      Issue.record("\(name).transcript differs (SEG_RECORD=1 to rewrite): \(why)")
    }
  }

  @Test func runningAScriptTwiceGivesTheSameBytes() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    for name in GoldenScriptTests.names {
      let text = try String(
        contentsOf: GoldenScriptTests.folder.appendingPathComponent("\(name).seg"), encoding: .utf8)
      let arguments = GoldenScriptTests.arguments(for: name, text: text)
      let a = try SegProcess.run(binary, arguments: arguments, in: GoldenScriptTests.folder)
      let b = try SegProcess.run(binary, arguments: arguments, in: GoldenScriptTests.folder)
      #expect(a == b, "\(name)")
    }
  }

  /// Every ```seg block of docs/language.md, docs/tooling.md and docs/clv.md appears verbatim in
  /// some golden script, so the examples cannot rot.
  @Test(arguments: ["docs/language.md", "docs/tooling.md", "docs/clv.md"])
  func languageDocExamplesAreGoldenScripts(path: String) throws {
    let doc = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent(path), encoding: .utf8)
    let scripts = try GoldenScriptTests.names.map {
      try String(contentsOf: GoldenScriptTests.folder.appendingPathComponent("\($0).seg"), encoding: .utf8)
    }
    let blocks = GoldenScriptTests.segBlocks(of: doc)
    #expect(blocks.count >= (path == "docs/language.md" ? 5 : 1))
    for block in blocks {
      #expect(scripts.contains { $0.contains(block) }, "not in any golden script:\n\(block)")
    }
  }

  /// The outputs docs/tooling.md shows are those of the golden transcripts.
  @Test func toolingDocOutputsAreTheTranscripts() throws {
    let doc = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("docs/tooling.md"), encoding: .utf8)
    func part(_ name: String, _ stream: String) throws -> String {
      let t = try String(
        contentsOf: GoldenScriptTests.folder.appendingPathComponent("\(name).transcript"),
        encoding: .utf8)
      let start = try #require(t.range(of: "--- \(stream)\n"))
      let end = try #require(t.range(of: "\n--- ", range: start.upperBound..<t.endIndex))
      return String(t[start.upperBound...end.lowerBound])
    }
    let check = try part("check_semantic", "stderr") + part("check_semantic", "stdout")
    #expect(doc.contains("$ seg check check_semantic.seg\n" + check))
    let annotation = try part("run_github", "stderr")
    #expect(doc.contains("  " + annotation))
  }

  /// Every statement the tutorial shows is a line of `examples/online_retail.seg`, the script
  /// whose run the tutorial walks through, so the tutorial cannot drift from it.
  @Test func tutorialStatementsAreLinesOfTheExampleScript() throws {
    let doc = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("docs/tutorial.md"), encoding: .utf8)
    let script = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("examples/online_retail.seg"),
      encoding: .utf8)
    let scriptLines = Set(script.split(separator: "\n").map(String.init))
    let blocks = GoldenScriptTests.segBlocks(of: doc)
    #expect(blocks.count >= 8)
    for line in blocks.flatMap({ $0.split(separator: "\n").map(String.init) }) {
      #expect(scriptLines.contains(line), "not a line of examples/online_retail.seg: \(line)")
    }
  }

  /// The contents of the fenced ```seg blocks of a Markdown document (```seg continued and
  /// ```seg exit=N too), each ending in a newline.
  static func segBlocks(of doc: String) -> [String] {
    var blocks: [String] = []
    var current: String?
    for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```seg" || line.hasPrefix("```seg ") {
        current = ""
      } else if current != nil, line == "```" {
        blocks.append(current ?? "")
        current = nil
      } else if current != nil {
        current? += line + "\n"
      }
    }
    return blocks
  }
}

/// Runs the `seg` binary and captures what it printed.
enum SegProcess {
  struct Result: Equatable {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  static func run(
    _ binary: URL, arguments: [String], in directory: URL, stdin: String? = nil,
    environment extra: [String: String] = [:]
  ) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    // GitHub's runner sets GITHUB_ACTIONS=true, which switches diagnostics to annotations; the
    // transcripts are of the text format.
    environment["GITHUB_ACTIONS"] = nil
    environment.merge(extra) { _, new in new }
    p.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      status: p.terminationStatus)
  }
}
