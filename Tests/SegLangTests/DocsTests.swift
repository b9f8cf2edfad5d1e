import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

@Suite struct DocsTests {
  /// docs/commands.md is generated from the registry; `SEG_RECORD=1` regenerates it.
  @Test func commandReferenceMatchesTheRegistry() {
    let url = RepositoryPaths.root.appendingPathComponent("docs/commands.md")
    let generated = CommandReference.markdown(for: .standard)
    switch Golden.check(generated, against: url) {
    case .matches: break
    case .recorded: Issue.record("recorded docs/commands.md; run again without SEG_RECORD")
    case .differs(let why):
      Issue.record("docs/commands.md is stale (SEG_RECORD=1 swift test --filter DocsTests): \(why)")
    }
  }

  /// The editor files in editors/ are generated from the registry too.
  @Test(arguments: [
    ("editors/seg.tmLanguage.json", EditorGrammar.textMate()),
    ("editors/syntax/seg.vim", EditorGrammar.vim()),
    ("editors/ftdetect/seg.vim", EditorGrammar.vimDetection),
  ])
  func editorFilesMatchTheRegistry(path: String, generated: String) {
    let url = RepositoryPaths.root.appendingPathComponent(path)
    switch Golden.check(generated, against: url) {
    case .matches: break
    case .recorded: Issue.record("recorded \(path); run again without SEG_RECORD")
    case .differs(let why):
      Issue.record("\(path) is stale (SEG_RECORD=1 swift test --filter DocsTests): \(why)")
    }
  }

  @Test func everyCommandHasASummaryAndAnExampleThatParses() {
    for spec in CommandRegistry.standard.commands {
      #expect(!spec.summary.isEmpty && spec.summary.hasSuffix("."), "\(spec.name)")
      #expect(!spec.examples.isEmpty, "\(spec.name)")
      for example in spec.examples {
        let parsed = Parser.parse(SourceFile(name: "example", text: example), registry: .standard)
        #expect(parsed.diagnostics.isEmpty, "\(spec.name): \(example)")
      }
    }
  }

  @Test func helpListsCommandsByCategory() {
    let text = HelpText.overview(.standard)
    #expect(text.hasPrefix("Language\n  set "))
    #expect(text.contains("Inspection\n  show "))
    #expect(text.contains("Functions: min, max, sum, mean, median, count, share, missing, abs"))
  }

  @Test func helpForACommandShowsUsageOptionsAndExample() {
    let r = run("help head")
    #expect(r.host.output.hasPrefix("usage: head [N] [table=NAME] [format=table|csv|json|markdown|box]\n"))
    #expect(r.host.output.contains("  format=table|csv|json|markdown|box  how to print the rows (default table)\n"))
    #expect(r.host.output.contains("Examples:\n  head\n  head 5\n"))
  }

  @Test func helpForAnUnknownTopicSuggests() throws {
    let e = try #require(stoppedError(run("help fliter").outcome))
    #expect(e.diagnostic.id == .unknownCommand)
    #expect(e.diagnostic.fixIt?.replacement == "filter")
  }

  /// Issue 16, item 19: the help asks for the header the loader reads.
  @Test func theSegmentMapHeaderTheHelpAsksForIsTheOneRfmMapReads() throws {
    let help = run("help rfm").host.output
    #expect(help.contains("a CSV with the header code,segment"))
    #expect(!help.contains("rfm_code,segment"))
    let map = SegmentMap.standard.csvText
    #expect(map.hasPrefix("code,segment\n"))
    let r = ShopSession.run(
      "load \"shop.csv\"\nrfm asof=2011-12-10 map=\"map.csv\"", files: ["map.csv": map])
    #expect(r.outcome == .completed)
  }

  /// Issue 16, item 19: the option is `top=`; nothing tells the user to write `affinity=`.
  @Test func theAffinityGroupCountIsTopEverywhere() throws {
    let r = ShopSession.run("load \"shop.csv\"\nrfm asof=2011-12-10 top=-1")
    let text = r.host.diagnostics.flatMap { [$0.message] + $0.notes.map(\.message) }
    #expect(!text.isEmpty)
    #expect(!text.joined().contains("affinity="), "\(text)")
    let rfmDoc = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("docs/rfm.md"), encoding: .utf8)
    #expect(rfmDoc.contains("`rfm top=`") && !rfmDoc.contains("`affinity=`"))
  }
}
