import Foundation
import SegTestSupport
import Testing

/// `seg completions bash|zsh|fish`, loaded into the real shells: bash through `compgen`/`complete`
/// (calling the completion function as bash does), fish through `complete -C`, zsh by pressing
/// Tab in an interactive zsh on a pseudo-terminal (tmux). scripts/test installs zsh and fish.
@Suite struct ShellCompletionTests {
  /// A folder with scripts to complete: `churn.seg` declares three parameters.
  static func folder() throws -> TemporaryDirectory {
    let dir = try TemporaryDirectory()
    let fm = FileManager.default
    try fm.createDirectory(at: dir.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
    let files = [
      "churn.seg": "param k: int = 4\n  param label: string = \"x\"\nparam  seed :int\necho $k $label $seed\n",
      "b.seg": "", "other.txt": "", "sub/c.seg": "",
    ]
    for (name, text) in files {
      try Data(text.utf8).write(to: dir.url.appendingPathComponent(name))
    }
    return dir
  }

  static func completions(_ shell: String, into dir: TemporaryDirectory, as name: String) throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let r = try SegProcess.run(binary, arguments: ["completions", shell], in: dir.url)
    #expect(r.status == 0)
    try Data(r.stdout.utf8).write(to: dir.url.appendingPathComponent(name))
  }

  static func which(_ program: String) -> String? {
    ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + program }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  static func shell(_ path: String, _ arguments: [String], in dir: URL) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    p.currentDirectoryURL = dir
    p.environment = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "LANG": "C.UTF-8"]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  /// Each command line (words as bash splits them: `=` is a word of its own) and the
  /// completions, in bash's order.
  static let bashCases: [(words: [String], expected: [String])] = [
    (["seg", ""], ["run", "check", "fmt", "completions", "man", "-c", "--no-init", "--help", "--version", "sub/", "b.seg", "churn.seg"]),
    (["seg", "r"], ["run"]),
    (["seg", "run", ""], ["sub/", "b.seg", "churn.seg"]),
    (["seg", "run", "--f"], ["--format="]),
    (["seg", "run", "--format", "=", "g"], ["github"]),
    (["seg", "check", "--format", "="], ["text", "github", "json"]),
    (["seg", "run", "churn.seg", ""], ["k=", "label=", "seed="]),
    (["seg", "run", "--junit", "out.xml", "churn.seg", "s"], ["seed="]),
    (["seg", "churn.seg", "l"], ["label="]),
    (["seg", "check", "--strict", "churn.seg", ""], ["k=", "label=", "seed="]),
    (["seg", "completions", ""], ["bash", "zsh", "fish"]),
    (["seg", "-c", "clu"], ["cluster"]),
    (["seg", "fmt", "--"], ["--check"]),
    (["seg", "fmt", "s"], ["sub/"]),
  ]

  @Test func bashCompletesSubcommandsFlagsScriptsAndParameters() throws {
    let dir = try ShellCompletionTests.folder()
    defer { dir.cleanup() }
    try ShellCompletionTests.completions("bash", into: dir, as: "seg.bash")
    var program = "source ./seg.bash\ncomplete -p seg\n"
    program += #"""
      c() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _seg
        printf '%s|' "${COMPREPLY[@]}"; echo; }

      """#
    for c in ShellCompletionTests.bashCases {
      program += "c " + c.words.map { "'\($0)'" }.joined(separator: " ") + "\n"
    }
    let out = try ShellCompletionTests.shell("/bin/bash", ["-c", program], in: dir.url)
    var lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "complete -F _seg seg")
    lines.removeFirst()
    for (i, c) in ShellCompletionTests.bashCases.enumerated() {
      let got = i < lines.count ? lines[i].split(separator: "|").map(String.init) : []
      // compgen lists files in directory order: compare those as sets.
      #expect(got.sorted() == c.expected.sorted(), "\(c.words)")
    }
  }

  @Test(.enabled(if: ShellCompletionTests.which("fish") != nil, "fish is not installed"))
  func fishCompletesSubcommandsFlagsScriptsAndParameters() throws {
    let fish = try #require(ShellCompletionTests.which("fish"))
    let dir = try ShellCompletionTests.folder()
    defer { dir.cleanup() }
    try ShellCompletionTests.completions("fish", into: dir, as: "seg.fish")
    func complete(_ line: String) throws -> [String] {
      let out = try ShellCompletionTests.shell(
        fish, ["--no-config", "-c", "source seg.fish; complete -C'\(line)'"], in: dir.url)
      return out.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    }
    #expect(try complete("seg r") == ["run"])
    #expect(try complete("seg run --format=").sorted() == ["--format=github", "--format=json", "--format=text"])
    #expect(try complete("seg run --f") == ["--format"])
    #expect(try complete("seg churn.seg ") == ["k=", "label=", "seed="])
    #expect(try complete("seg check --strict churn.seg l") == ["label="])
    #expect(try complete("seg completions ").sorted() == ["bash", "fish", "zsh"])
    #expect(try complete("seg -c clu") == ["cluster"])
    let scripts = try complete("seg run ")
    #expect(Set(["b.seg", "churn.seg", "sub/"]).isSubset(of: scripts), "\(scripts)")
  }

  @Test(
    .enabled(if: ShellCompletionTests.which("zsh") != nil, "zsh is not installed"),
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
  func zshCompletesOnTab() throws {
    let zsh = try #require(ShellCompletionTests.which("zsh"))
    let dir = try ShellCompletionTests.folder()
    defer { dir.cleanup() }
    try ShellCompletionTests.completions("zsh", into: dir, as: "_seg")
    var environment = TmuxSession.hermeticEnvironment(home: dir.url)
    environment["PS1"] = "zsh> "
    let session = try TmuxSession(
      command: [zsh, "-f", "-i"], width: 160, height: 30, environment: environment,
      workingDirectory: dir.url)
    defer { session.kill() }
    try session.type("PS1='zsh> '; autoload -Uz compinit && compinit -u -D && source ./_seg && echo ready")
    try session.sendKeys("Enter")
    try session.waitFor("\nready")
    func tab(_ line: String, until expected: String) throws -> String {
      try session.sendKeys("C-u", "C-l")
      try session.type(line)
      try session.sendKeys("Tab")
      return try session.waitFor(expected, timeout: .seconds(10))
    }
    let formats = try tab("seg run --format=", until: "github")
    #expect(formats.contains("json") && formats.contains("text"))
    let parameters = try tab("seg run churn.seg ", until: "label=")
    #expect(parameters.contains("k=") && parameters.contains("seed="))
    let first = try tab("seg ", until: "completions")
    #expect(first.contains("fmt") && first.contains("churn.seg"))
    _ = try tab("seg completions f", until: "seg completions fish")
  }
}
