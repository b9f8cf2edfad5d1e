import Foundation
import SegTestSupport
import Testing

/// `seg man`: the roff renders without a single warning in groff (`-ww` turns all warnings on)
/// and reads in man(1); it covers every subcommand and every command of the language.
@Suite struct ManualPageTests {
  static func page() throws -> String {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let r = try SegProcess.run(binary, arguments: ["man"], in: RepositoryPaths.root)
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    return r.stdout
  }

  static func run(_ program: String, _ arguments: [String], stdin: String, environment: [String: String] = [:])
    throws -> (stdout: String, stderr: String, status: Int32)
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(environment) { $1 }
    let input = Pipe()
    let out = Pipe()
    let err = Pipe()
    p.standardInput = input
    p.standardOutput = out
    p.standardError = err
    try p.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
  func groffRendersThePageWithoutWarnings() throws {
    let r = try ManualPageTests.run(
      "/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-z"], stdin: try ManualPageTests.page())
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/man"), "man is not installed"))
  func manReadsThePageWithEverySubcommandAndCommand() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let file = dir.url.appendingPathComponent("seg.1")
    try Data(try ManualPageTests.page().utf8).write(to: file)
    let r = try ManualPageTests.run(
      "/usr/bin/man", ["-l", file.path], stdin: "",
      environment: ["MANPAGER": "cat", "MANWIDTH": "100", "MAN_KEEP_FORMATTING": ""])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty, "\(r.stderr)")
    let text = r.stdout
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "LANGUAGE", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
      #expect(text.contains("\n" + heading + "\n"), "\(heading)")
    }
    for word in ["seg run", "seg check", "seg fmt", "seg completions", "seg man", "--junit FILE", "--strict", "--check"] {
      #expect(text.contains(word), "\(word)")
    }
    // Every command of the language, with its example (quotes kept).
    let binary = try #require(RepositoryPaths.segBinary)
    let help = try SegProcess.run(binary, arguments: ["-c", "help"], in: RepositoryPaths.root).stdout
    let commands = help.split(separator: "\n").filter { $0.hasPrefix("  ") }.compactMap {
      $0.split(separator: " ").first.map(String.init)
    }
    #expect(commands.count > 20)
    for c in commands { #expect(text.contains("\n       \(c)"), "\(c)") }
    #expect(text.contains(#"Example: echo "customers:" count()"#))
    #expect(text.contains("filter z<… or iqr<…"))
  }
}
