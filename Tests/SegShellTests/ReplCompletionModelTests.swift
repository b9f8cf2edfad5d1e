import Foundation
import SegCore
import SegLang
import SegTestSupport
import Testing

@testable import SegShell

/// The completion model built from the real registry and a workspace.
@Suite struct ReplCompletionModelTests {
  /// The standard language with stand-ins for `cluster` and `export` whose options exercise every
  /// kind of completion (a choice, a bool, a column list, a segment name).
  private var registry: CommandRegistry {
    let standard = CommandRegistry.standard
    var registry = CommandRegistry()
    registry.register(standard.commands.filter { !["cluster", "export"].contains($0.name) })
    registry.register(functions: standard.functions)
    registry.register(scalars: standard.scalars)
    registry.register(pseudoColumns: standard.pseudoColumns)
    registry.register(filterForms: standard.filterForms)
    registry.register(settings: standard.settings)
    registry.register([
      CommandSpec(
        name: "cluster", category: .segmentation, summary: "Clusters.",
        options: [
          OptionSpec("k", .int, "how many clusters"),
          OptionSpec(
            "method", .choice(["kmeans", "hierarchical", "dbscan", "gmm"]), "the algorithm"),
          OptionSpec("cols", .names, "the feature columns"),
          OptionSpec("verbose", .bool, "print every iteration"),
        ], examples: ["cluster k=4"], run: { _, _ throws(RuntimeError) in }),
      CommandSpec(
        name: "export", category: .output, summary: "Exports.",
        positionals: [ArgumentSpec("file", .path, "where")],
        options: [OptionSpec("segment", .name, "one segment")], examples: ["export \"x.csv\""],
        run: { _, _ throws(RuntimeError) in }),
    ])
    return registry
  }

  private var model: CompletionModel {
    var workspace = customerWorkspace(rows: 9)
    workspace.variables["threshold"] = .number(3)
    workspace.tables["removed"] = .empty
    return CompletionModel(registry: registry, workspace: workspace)
  }

  private func candidates(_ marked: String) -> [String] {
    let (text, cursor) = splitMarker(marked)
    return Completion.compute(text: text, cursor: cursor, model: model, files: sampleFiles)
      .candidates.map(\.text)
  }

  @Test func commandWordsComeFromTheRegistry() {
    #expect(candidates("cl1️⃣") == ["cluster", "clv"])
    #expect(candidates("he1️⃣") == ["head", "help"])
  }

  @Test func choiceOptionsOfferTheirWords() {
    #expect(candidates("cluster method=1️⃣") == ["dbscan", "gmm", "hierarchical", "kmeans"])
    #expect(candidates("cluster verbose=1️⃣") == ["false", "true"])
    #expect(candidates("head format=j1️⃣") == ["json"])
  }

  @Test func optionNamesAreOfferedUntilGiven() {
    #expect(candidates("cluster k=4 1️⃣") == ["cols=", "method=", "verbose="])
  }

  @Test func columnsOfTheCurrentTableInsideExpressionsAndLists() {
    #expect(
      candidates("cluster cols=[recency, 1️⃣") == [
        "`Customer Name`", "customer_id", "recency", "segment",
      ])
    #expect(candidates("filter rec1️⃣") == ["recency"])
    #expect(candidates("filter recency > 1 an1️⃣") == ["and"])
    #expect(candidates("filter me1️⃣") == ["mean(", "median("])
  }

  /// Issue 16, item 20, with the real registry and a named segmentation.
  @Test func segmentNamesCompleteInAFilterAndAnAssert() {
    #expect(candidates("filter segment == \"Ch1️⃣") == ["Champions"])
    #expect(candidates("assert moved(\"At Risk\", \"B1️⃣") == ["Big Spenders"])
  }

  @Test func segmentNamesTablesVariablesAndHelpTopics() {
    #expect(
      candidates("export \"x.csv\" segment=1️⃣") == ["\"At Risk\"", "\"Big Spenders\"", "Champions"])
    #expect(candidates("show 1️⃣") == ["customers", "format=", "removed"])
    #expect(candidates("echo $t1️⃣") == ["$threshold"])
    #expect(candidates("echo $s1️⃣") == ["$seed", "$silhouette_score"])
    #expect(candidates("echo $r1️⃣") == ["$recommended_k", "$rows"])
    #expect(candidates("help cl1️⃣") == ["cluster", "clv"])
  }

  @Test func pathsInQuotesIncludingSpaces() {
    #expect(candidates("export \"data/my f1️⃣") == ["data/my file.csv", "data/my film.csv"])
  }

  @Test func withoutASegmentColumnThereAreNoSegments() {
    var workspace = Workspace()
    workspace.setCurrentTable(
      Table(columns: [Column(name: "x", data: .decimal([1]))]), name: "t")
    #expect(CompletionModel(registry: registry, workspace: workspace).segments == [])
  }
}
