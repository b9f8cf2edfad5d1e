import SegShell
import Testing

@Suite struct ExitStatusTests {
  @Test func codesAreTheDocumentedOnes() {
    #expect(ExitStatus.success.rawValue == 0)
    #expect(ExitStatus.runtimeError.rawValue == 1)
    #expect(ExitStatus.usageError.rawValue == 2)
    #expect(ExitStatus.assertionFailed.rawValue == 3)
    #expect(SegCommandLine.main(arguments: ["--version"]) == .success)
  }
}
