import SegLang
import SegShell
import SegTestSupport
import Testing

@Suite struct CommandLineTests {
  static let script = """
    param k: int = 4
    param label: string = "run"
    echo $label $k
    assert $k < 10, msg="k too large"

    """

  func seg(
    _ arguments: [String], files: [String: String] = ["churn.seg": script],
    stdin: String? = nil, terminal: Bool = false
  ) -> (status: SegShell.ExitStatus, host: MemoryHost) {
    let host = MemoryHost(files: files)
    let status = SegCommandLine.main(
      arguments: arguments, host: host, isInputTerminal: terminal, readStandardInput: { stdin })
    return (status, host)
  }

  @Test func runSucceedsWithDefaults() {
    let r = seg(["run", "churn.seg"])
    #expect(r.status == .success)
    #expect(r.host.output == "run 4\n")
    #expect(r.host.errors.isEmpty)
  }

  @Test func parametersAreOverriddenFromTheCommandLine() {
    let r = seg(["run", "churn.seg", "k=7", "label=\"big run\""])
    #expect(r.status == .success)
    #expect(r.host.output == "big run 7\n")
  }

  @Test func anUnknownParameterIsAUsageErrorListingTheKnownOnes() {
    let r = seg(["run", "churn.seg", "kk=5"])
    #expect(r.status == .usageError)
    #expect(r.host.output.isEmpty)
    #expect(
      r.host.errors == """
        seg: error: unknown parameter 'kk'
        note: known parameters: k (int), label (string)
        help: did you mean 'k'?

        """)
  }

  @Test(arguments: ["k=four", "k=2.5", "k=", "k=1e3"])
  func aBadlyTypedParameterIsAUsageError(argument: String) {
    let r = seg(["run", "churn.seg", argument])
    #expect(r.status == .usageError)
    #expect(r.host.diagnostics.map(\.id) == [.invalidParameterValue])
    #expect(r.host.output.isEmpty)
  }

  @Test func aRequiredParameterMustBeGiven() {
    let files = ["p.seg": "param asof: date\necho $asof\n"]
    #expect(seg(["run", "p.seg"], files: files).host.diagnostics.map(\.id) == [.missingParameter])
    #expect(seg(["run", "p.seg"], files: files).status == .usageError)
    let ok = seg(["run", "p.seg", "asof=2011-12-10"], files: files)
    #expect(ok.status == .success)
    #expect(ok.host.output == "2011-12-10\n")
  }

  @Test func aMalformedParameterArgumentIsAUsageError() {
    let r = seg(["run", "churn.seg", "k"])
    #expect(r.status == .usageError)
    #expect(r.host.errors.hasPrefix("seg: error: expected a parameter as NAME=VALUE, got 'k'"))
  }

  @Test func aFailedAssertionExitsWithThree() {
    let r = seg(["run", "churn.seg", "k=12"])
    #expect(r.status == .assertionFailed)
    #expect(r.host.output == "run 12\n")
    #expect(r.host.diagnostics.map(\.id) == [.assertionFailed])
  }

  @Test func aRuntimeErrorExitsWithOneAfterEarlierOutput() {
    let files = ["e.seg": "echo \"before\"\nhead 3\necho \"after\"\n"]
    let r = seg(["run", "e.seg"], files: files)
    #expect(r.status == .runtimeError)
    #expect(r.host.output == "before\n")
    #expect(r.host.errors == """
      e.seg:2:1: error: no table is loaded
      2 | head 3
        | ^^^^
      help: load one first: load "transactions.csv"

      """)
  }

  @Test func syntaxErrorsAreAllReportedAndNothingRuns() {
    let files = ["s.seg": "echo \"first\"\nclustr k=4\nfilter x = 1\n"]
    let r = seg(["run", "s.seg"], files: files)
    #expect(r.status == .usageError)
    #expect(r.host.output.isEmpty)
    #expect(r.host.diagnostics.map(\.id) == [.unknownCommand, .bareEquals])
  }

  @Test func aMissingScriptIsAUsageError() {
    let r = seg(["run", "nope.seg"])
    #expect(r.status == .usageError)
    #expect(r.host.errors == "seg: error: cannot read script: no such file 'nope.seg'\n")
  }

  @Test func dashCRunsStatementsFromTheCommandLine() {
    let r = seg(["-c", "echo 1; echo (2 + 3)"])
    #expect(r.status == .success)
    #expect(r.host.output == "1\n5\n")
    let bad = seg(["-c", "echo 1; ech 2"])
    #expect(bad.status == .usageError)
    #expect(bad.host.errors.hasPrefix("<command-line>:1:9: error: unknown command 'ech'"))
    let failing = seg(["-c", "assert 1 > 2"])
    #expect(failing.status == .assertionFailed)
  }

  @Test func dashCTakesParametersToo() {
    let r = seg(["-c", "param n: number = 1; echo $n", "n=5%"])
    #expect(r.status == .success)
    #expect(r.host.output == "0.05\n")
    #expect(seg(["-c", "echo 1", "n=5"]).status == .usageError)
  }

  @Test func checkValidatesWithoutRunning() {
    let r = seg(["check", "churn.seg"])
    #expect(r.status == .success)
    #expect(r.host.output == "churn.seg: ok (4 statements)\n")
    let bad = seg(["check", "s.seg"], files: ["s.seg": "echo 1\nhead format=jsno\n"])
    #expect(bad.status == .usageError)
    #expect(bad.host.output.isEmpty)
    #expect(seg(["check", "churn.seg", "k=x"]).status == .usageError)
    // A check does not run the script, so a runtime error cannot happen.
    #expect(seg(["check", "e.seg"], files: ["e.seg": "head 3\n"]).status == .success)
  }

  @Test func scriptsAreReadFromStandardInput() {
    let piped = seg([], stdin: "echo \"piped\"\n")
    #expect(piped.status == .success)
    #expect(piped.host.output == "piped\n")
    let dash = seg(["run", "-", "k=2"], stdin: "param k: int = 1\necho $k\n")
    #expect(dash.host.output == "2\n")
    let error = seg(["run", "-"], stdin: "ech 1\n")
    #expect(error.host.errors.hasPrefix("<stdin>:1:1: error:"))
  }

  @Test(arguments: [([String](), true), (["--no-init"], false)])
  func noArgumentsOnATerminalStartTheShell(arguments: [String], runsInitFile: Bool) {
    var started: [Bool] = []
    let status = SegCommandLine.main(
      arguments: arguments, host: MemoryHost(), isInputTerminal: true, readStandardInput: { nil },
      startShell: {
        started.append($0)
        return .success
      })
    #expect(status == .success)
    #expect(started == [runsInitFile])
  }

  @Test func noInitWithAPipedScriptRunsTheScript() {
    let host = MemoryHost()
    let status = SegCommandLine.main(
      arguments: ["--no-init"], host: host, isInputTerminal: false,
      readStandardInput: { "echo 5" }, startShell: { _ in .usageError })
    #expect(status == .success)
    #expect(host.output == "5\n")
  }

  @Test func helpAndVersion() {
    let help = seg(["--help"])
    #expect(help.status == .success)
    #expect(help.host.output.contains("seg run FILE [NAME=VALUE ...]"))
    #expect(help.host.output.contains("3  an assert failed"))
    let version = seg(["--version"])
    #expect(version.host.output.hasPrefix("seg \(SegVersion.string) (commit "))
    #expect(version.host.output.wholeMatch(of: /seg [0-9.]+ \(commit [0-9A-Za-z._-]+\)\n/) != nil)
  }

  @Test func unknownSubcommandsSuggestTheNearest() {
    let r = seg(["rnu", "churn.seg"])
    #expect(r.status == .usageError)
    #expect(r.host.errors == "seg: error: unknown command 'rnu'\nhelp: did you mean 'run'?\n")
    #expect(seg(["run"]).status == .usageError)
    #expect(seg(["--frobnicate"]).status == .usageError)
  }

  @Test func aScriptPathFirstRunsIt() {
    let r = seg(["churn.seg", "k=3"])
    #expect(r.status == .success)
    #expect(r.host.output == "run 3\n")
  }
}
