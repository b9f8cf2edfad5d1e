import Foundation
import SegTestSupport
import Testing

@testable import SegLang

@Suite struct SemanticCheckTests {
  /// The semantic findings for `marked`, each with its range as marker offsets.
  func findings(_ marked: String, strict: Bool = false) -> (MarkedSource, [Diagnostic]) {
    let source = MarkedSource(marked)
    let compilation = Compilation(SourceFile(name: "t.seg", text: source.text))
    #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
    return (source, SemanticCheck.diagnostics(in: compilation.script, strict: strict))
  }

  @Test func aColumnUsedBeforeTheCommandThatCreatesItIsFlagged() throws {
    let (m, ds) = findings(
      "load \"x.csv\"\nfilter 1️⃣recency2️⃣ > 90\nrfm\nfilter 3️⃣segment4️⃣ == \"A\"\nscale\ncluster k=2")
    let d = try #require(ds.first)
    #expect(ds.map(\.id) == [.columnBeforeCreation, .columnBeforeCreation])
    #expect(d.severity == .warning)
    #expect(d.range == SourceRange(start: m.offset("1️⃣") ?? -1, end: m.offset("2️⃣") ?? -1))
    #expect(d.message == "column 'recency' is used before 'rfm' creates it")
    #expect(ds[1].range.start == m.offset("3️⃣"))
    #expect(ds[1].message == "column 'segment' is used before 'cluster' creates it")
  }

  @Test func columnsInColsListsAreChecked() {
    let (_, ds) = findings("load \"x.csv\"\nscale cols=[tenure]\nrfm")
    #expect(ds.map(\.message).contains("column 'tenure' is used before 'rfm' creates it"))
  }

  @Test func aColumnNoLaterCommandCreatesIsLeftAlone() {
    // The loaded file may have a recency column: nothing in the script says otherwise.
    let (_, ds) = findings("load \"customers.csv\"\nfilter recency > 90\nscale\ncluster k=3\nname auto")
    #expect(ds.isEmpty, "\(ds.map(\.message))")
  }

  @Test func aCommandBeforeTheStageItNeedsIsFlagged() throws {
    let (m, ds) = findings("load \"x.csv\"\n1️⃣cluster2️⃣ k=4\nrfm\nscale\ncluster k=4")
    let d = try #require(ds.first)
    #expect(ds.count == 1)
    #expect(d.id == .commandBeforeStage)
    #expect(d.message == "'cluster' needs the customer table, but 'rfm' comes later")
    #expect(d.range == SourceRange(start: m.offset("1️⃣") ?? -1, end: m.offset("2️⃣") ?? -1))
  }

  @Test func commandsWithNothingToWorkOnAreFlagged() {
    let (_, ds) = findings("rfm\nload \"x.csv\"\nname auto")
    #expect(
      ds.map(\.message) == [
        "'rfm' needs a loaded table, but 'load' comes later",
        "'name' needs clusters, but no 'cluster' comes before it",
      ])
  }

  @Test func eachFindingIsReportedOnce() {
    let (_, ds) = findings("filter recency > 1\nfilter recency > 2\nhead\nfilter x > 3\nload \"x.csv\"\nrfm")
    #expect(
      ds.map(\.message) == [
        "'filter' needs a loaded table, but 'load' comes later",
        "column 'recency' is used before 'rfm' creates it",
        "'head' needs a loaded table, but 'load' comes later",
      ])
  }

  @Test func anUnusedParameterIsFlaggedAndAUsedOneIsNot() throws {
    let (m, ds) = findings("param k: int = 4\nparam 1️⃣seed2️⃣: int = 1\necho $k")
    let d = try #require(ds.first)
    #expect(ds.count == 1)
    #expect(d.id == .unusedParameter)
    #expect(d.range == SourceRange(start: m.offset("1️⃣") ?? -1, end: m.offset("2️⃣") ?? -1))
  }

  @Test func strictMakesTheFindingsErrors() {
    let (_, ds) = findings("param k: int = 4", strict: true)
    #expect(ds.map(\.severity) == [.error])
  }

  @Test func theExampleScriptsHaveNoFindings() throws {
    let folder = RepositoryPaths.root.appendingPathComponent("examples")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".seg") }
    #expect(!files.isEmpty)
    for f in files {
      let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
      let compilation = Compilation(SourceFile(name: f, text: text))
      let ds = SemanticCheck.diagnostics(in: compilation.script)
      #expect(ds.isEmpty, "\(f): \(ds.map(\.message))")
    }
  }

  @Test func everyCommandTheChecksNameIsRegistered() {
    let stages = SemanticCheck.stages(.standard)
    #expect(stages[2].alwaysNeededBy == ["profile", "centroids", "name", "save"])
    #expect(stages[0].alwaysNeededBy.isSuperset(of: ["rfm", "cluster", "report", "head", "join"]))
    for stage in stages {
      for name in stage.builders.union(stage.alwaysNeededBy).union(stage.laterNeededBy) {
        #expect(CommandRegistry.standard.command(named: name) != nil, "\(name)")
      }
    }
  }
}
