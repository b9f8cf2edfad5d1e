import SegLang
import SegTestSupport
import Testing

@testable import SegShell

/// `.pager on|off|auto` and `.mode box` in the REPL loop (the real pager process is in
/// ReplTerminalTests).
@Suite struct ReplPagerTests {
  @Test func pagerSettingsParseAndPrint() throws {
    #expect(try DotCommand.parse(".pager on") == .pager(.on))
    #expect(try DotCommand.parse(".pager AUTO") == .pager(.auto))
    #expect(try DotCommand.parse(".pager") == .pager(nil))
    #expect(throws: DotCommandError(.invalidArgument(command: ".pager", "maybe", expected: "on, off or auto"))) {
      try DotCommand.parse(".pager maybe")
    }
    let r = runRepl([".pager", ".pager auto", ".pager"])
    #expect(r.host.output == "pager: off\npager: auto\n")
  }

  @Test func onPagesEveryEntryAsAWhole() {
    let console = MemoryConsole(outputWidth: 80, outputHeight: 24)
    let r = runRepl([".pager on", "echo 1; echo 2", "echo 3"], console: console)
    #expect(console.paged == ["1\n2\n", "3\n"])
    #expect(r.host.output.isEmpty)
  }

  @Test func autoPagesOnlyWhatIsTallerThanTheTerminal() {
    let console = MemoryConsole(outputWidth: 80, outputHeight: 3)
    let r = runRepl([".pager auto", "echo 1; echo 2", "echo 1; echo 2; echo 3"], console: console)
    #expect(console.paged == ["1\n2\n3\n"])
    #expect(r.host.output == "1\n2\n")
  }

  @Test func offAndPipesNeverPage() {
    let off = MemoryConsole(outputWidth: 80, outputHeight: 1)
    #expect(runRepl(["echo 1; echo 2"], console: off).host.output == "1\n2\n")
    #expect(off.paged.isEmpty)
    let pipe = MemoryConsole()
    #expect(runRepl([".pager on", "echo 1"], console: pipe).host.output == "1\n")
    #expect(pipe.paged.isEmpty)
  }

  @Test func aPagerThatCannotStartLeavesTheOutputOnScreen() {
    let console = MemoryConsole(outputWidth: 80, outputHeight: 24, pagerStarts: false)
    #expect(runRepl([".pager on", "echo 1"], console: console).host.output == "1\n")
  }

  @Test func errorsAreNotPaged() {
    let console = MemoryConsole(outputWidth: 80, outputHeight: 24)
    let r = runRepl([".pager on", "echo 1; head"], console: console)
    #expect(console.paged == ["1\n"])
    #expect(r.host.errors.contains("error: no table is loaded"))
  }

  @Test func boxModePrintsFramedTables() {
    let r = runRepl([".mode box", "runs"], files: [:])
    #expect(r.host.output.isEmpty || r.host.output.contains("┌"), "\(r.host.output)")
    let shop = runRepl(
      [".mode box", "load \"shop.csv\"", "head 1"],
      files: ["shop.csv": "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice\n1,A,2011-01-01,2,3.5\n"])
    #expect(shop.host.output.contains("┌────────────┬───────────┬─────────────┬──────────┬───────────┐"), "\(shop.host.output)")
  }
}
