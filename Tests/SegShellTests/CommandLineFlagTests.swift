import SegLang
import SegShell
import SegTestSupport
import Testing

@testable import SegShell

/// The flags of `seg run` and `seg check`: `--format`, `--strict`, `--junit`.
@Suite struct CommandLineFlagTests {
  func seg(_ arguments: [String], environment: [String: String] = [:]) -> (
    status: SegShell.ExitStatus, host: MemoryHost
  ) {
    let host = MemoryHost(
      files: ["t.seg": "param k: int = 4\nassert 1 > 2, msg=\"one: two\"\n"],
      environment: environment)
    let status = SegCommandLine.main(
      arguments: arguments, host: host, isInputTerminal: false, readStandardInput: { nil })
    return (status, host)
  }

  @Test func githubActionsMakesAnnotationsTheDefault() {
    let r = seg(["run", "t.seg"], environment: ["GITHUB_ACTIONS": "true"])
    #expect(r.status == .assertionFailed)
    #expect(r.host.errors.hasPrefix("::error file=t.seg,line=2,col=8,"))
    #expect(r.host.errors.contains("::assertion failed: one: two%0A"))
    let text = seg(["run", "--format=text", "t.seg"], environment: ["GITHUB_ACTIONS": "true"])
    #expect(text.host.errors.hasPrefix("t.seg:2:8: error: assertion failed: one: two\n"))
  }

  @Test func flagsMayFollowTheScriptAndTakeTheirValueApart() {
    let r = seg(["check", "t.seg", "--format", "json"])
    #expect(r.status == .success)
    #expect(r.host.output.isEmpty)
    #expect(r.host.errors.hasPrefix(#"{"id":"unused-parameter","severity":"warning","file":"t.seg""#))
  }

  @Test func strictTurnsTheWarningsIntoErrors() {
    #expect(seg(["check", "t.seg"]).status == .success)
    #expect(seg(["check", "t.seg"]).host.output == "t.seg: ok (2 statements, 1 warning)\n")
    let strict = seg(["check", "--strict", "t.seg"])
    #expect(strict.status == .usageError)
    #expect(strict.host.errors.hasPrefix("t.seg:1:7: error: parameter 'k' is never used\n"))
  }

  @Test func runDoesNotMakeTheSemanticChecks() {
    let r = seg(["run", "t.seg"])
    #expect(!r.host.errors.contains("never used"))
  }

  @Test func theJUnitReportIsWrittenEvenWhenAnAssertFails() throws {
    let r = seg(["run", "--junit=out/report.xml", "t.seg"])
    #expect(r.status == .assertionFailed)
    let xml = String(decoding: try #require(r.host.file(atPath: "out/report.xml")), as: UTF8.self)
    #expect(xml.contains(#"<failure message="assertion failed: one: two" type="assertion-failed">"#))
  }

  @Test(arguments: [
    (["run", "--format=xml", "t.seg"], "seg: error: unknown format 'xml'\nhelp: one of: text, github, json\n"),
    (["run", "--junit"], "seg: error: '--junit' needs a value\nhelp: seg run --junit=VALUE FILE\n"),
    (["check", "--junit=x.xml", "t.seg"], "seg: error: 'seg check' has no option '--junit=x.xml'\nhelp: see 'seg --help'\n"),
    (["run", "--strict", "t.seg"], "seg: error: 'seg run' has no option '--strict'\nhelp: see 'seg --help'\n"),
    (["run", "--fromat=json", "t.seg"], "seg: error: 'seg run' has no option '--fromat=json'\nhelp: did you mean '--format'?\n"),
  ])
  func badFlagsAreUsageErrors(arguments: [String], message: String) {
    let r = seg(arguments)
    #expect(r.status == .usageError)
    #expect(r.host.errors == message)
  }
}

/// ``CommandLineSpec``, which completions and the man page are generated from, against what
/// ``SegCommandLine`` accepts.
@Suite struct CommandLineSpecTests {
  @Test func everySubcommandAndFlagInTheSpecIsAccepted() {
    for sub in CommandLineSpec.subcommands {
      let host = MemoryHost(files: ["t.seg": "echo 1\n"])
      var arguments = [sub.name] + sub.words.prefix(1)
      for f in sub.flags {
        switch f.value {
        case .choice(let values)?: arguments.append(f.name + "=" + (values.first ?? ""))
        case .file?: arguments += [f.name, "out.xml"]
        case nil: arguments.append(f.name)
        }
      }
      if sub.takesScripts { arguments.append("t.seg") }
      let status = SegCommandLine.main(
        arguments: arguments, host: host, isInputTerminal: false, readStandardInput: { nil })
      #expect(!host.errors.contains("unknown"), "\(arguments): \(host.errors)")
      #expect(!host.errors.contains("has no option"), "\(arguments): \(host.errors)")
      #expect(status == .success, "\(arguments): \(host.errors)")
      #expect(SegCommandLine.usageText.contains("seg \(sub.name)"), "\(sub.name)")
    }
  }

  @Test func completionsAndManAreUsageErrorsWithBadArguments() {
    let host = MemoryHost()
    #expect(
      SegCommandLine.main(
        arguments: ["completions", "tcsh"], host: host, isInputTerminal: false,
        readStandardInput: { nil }) == .usageError)
    #expect(host.errors == "seg: error: 'seg completions' needs one of: bash, zsh, fish\nhelp: for example: source <(seg completions bash)\n")
    #expect(
      SegCommandLine.main(
        arguments: ["man", "x"], host: host, isInputTerminal: false, readStandardInput: { nil })
        == .usageError)
  }
}
