import Foundation
import SegLang
import SegShell
import SegTestSupport
import Testing

@testable import SegShell

/// `seg fmt [--check] FILE...`.
@Suite struct FormatCommandTests {
  static let messy = "# keep\nload   \"x.csv\"\nfilter recency>90\n\n\n\necho 1;echo 2\n"
  static let tidy = "# keep\nload \"x.csv\"\nfilter recency > 90\n\necho 1\necho 2\n"

  func seg(_ arguments: [String], files: [String: String], stdin: String? = nil) -> (
    status: SegShell.ExitStatus, host: MemoryHost
  ) {
    let host = MemoryHost(files: files)
    let status = SegCommandLine.main(
      arguments: arguments, host: host, isInputTerminal: false, readStandardInput: { stdin })
    return (status, host)
  }

  @Test func fmtRewritesOnlyFilesThatChange() {
    let r = seg(["fmt", "a.seg", "b.seg"], files: ["a.seg": Self.messy, "b.seg": Self.tidy])
    #expect(r.status == .success)
    #expect(r.host.output == "a.seg: formatted\n")
    #expect(r.host.file(atPath: "a.seg") == Array(Self.tidy.utf8))
    #expect(r.host.file(atPath: "b.seg") == Array(Self.tidy.utf8))
  }

  @Test func checkShowsADiffAndExitsOneWithoutWriting() {
    let r = seg(["fmt", "--check", "a.seg", "b.seg"], files: ["a.seg": Self.messy, "b.seg": Self.tidy])
    #expect(r.status == .runtimeError)
    #expect(r.host.file(atPath: "a.seg") == Array(Self.messy.utf8))
    #expect(
      r.host.output == """
        --- a.seg
        +++ a.seg (formatted)
        @@ -1,7 +1,6 @@
         # keep
        -load   "x.csv"
        -filter recency>90
        -
        -
        +load "x.csv"
        +filter recency > 90
         
        -echo 1;echo 2
        +echo 1
        +echo 2

        """)
    #expect(seg(["fmt", "--check", "b.seg"], files: ["b.seg": Self.tidy]).status == .success)
  }

  @Test func standardInputIsFormattedToStandardOutput() {
    let r = seg(["fmt", "-"], files: [:], stdin: Self.messy)
    #expect(r.status == .success)
    #expect(r.host.output == Self.tidy)
  }

  @Test func aScriptWithSyntaxErrorsIsReportedAndLeftAlone() {
    let r = seg(["fmt", "a.seg"], files: ["a.seg": "clustr k=4\n"])
    #expect(r.status == .usageError)
    #expect(r.host.errors.hasPrefix("a.seg:1:1: error: unknown command 'clustr'\n"))
    #expect(r.host.file(atPath: "a.seg") == Array("clustr k=4\n".utf8))
  }

  @Test func fmtNeedsAFileAndKnowsItsFlags() {
    #expect(seg(["fmt"], files: [:]).status == .usageError)
    let r = seg(["fmt", "--chek", "a.seg"], files: ["a.seg": ""])
    #expect(r.status == .usageError)
    #expect(r.host.errors == "seg: error: 'seg fmt' has no option '--chek'\nhelp: did you mean '--check'?\n")
  }

  @Test func theDiffKeepsThreeLinesOfContextAndSplitsDistantHunks() {
    let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "l2\n", with: "L2\n").replacingOccurrences(
      of: "l18\n", with: "")
    #expect(
      UnifiedDiff.diff(old, new, path: "f")
        == "--- f\n+++ f (formatted)\n@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n"
        + "@@ -15,6 +15,5 @@\n l15\n l16\n l17\n-l18\n l19\n l20\n")
    #expect(UnifiedDiff.diff(old, old, path: "f") == "")
  }
}
