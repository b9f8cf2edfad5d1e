import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// The stages commands need (issue 17): each command states its stage in the registry, the
/// interpreter checks it before the command runs, and the error is the same for every command
/// that needs that stage.
@Suite struct SessionStageTests {
  /// The first example of every command that needs `stage`.
  static func examples(needing stage: SessionStage) -> [String] {
    CommandRegistry.standard.commands.filter { $0.needs == stage }.compactMap(\.examples.first)
  }

  @Test func everyStageIsNeededBySomeCommand() {
    for stage in SessionStage.allCases {
      #expect(!SessionStageTests.examples(needing: stage).isEmpty, "\(stage)")
    }
    let needs = Dictionary(
      CommandRegistry.standard.commands.map { ($0.name, $0.needs) }, uniquingKeysWith: { a, _ in a })
    #expect(needs["cluster"] == .table)
    #expect(needs["choose"] == .table)
    #expect(needs["profile"] == .segments)
    #expect(needs["report"] == .customers)
    #expect(needs["load"] == .some(nil))
  }

  @Test(arguments: SessionStage.allCases)
  func aCommandBeforeItsStageGivesTheStagesError(stage: SessionStage) throws {
    let before: String
    let id: DiagnosticID
    let message: String
    switch stage {
    case .table: (before, id, message) = ("", .noTable, "no table is loaded")
    case .customers: (before, id, message) = ("load \"shop.csv\"\n", .unavailable, "there is no customer table")
    case .segments: (before, id, message) = (ShopSession.prepared, .unavailable, "there are no clusters yet")
    }
    for example in SessionStageTests.examples(needing: stage) {
      let r = ShopSession.run(before + example + "\n")
      let error = try #require(stoppedError(r.outcome), "\(example)")
      #expect(error.diagnostic.id == id, "\(example)")
      #expect(error.diagnostic.message == message, "\(example)")
      // The error points at the command word of the statement that needed the stage.
      let word = try #require(example.split(separator: " ").first)
      #expect(error.diagnostic.range.start == before.utf8.count, "\(example)")
      #expect(error.diagnostic.range.end == before.utf8.count + word.utf8.count, "\(example)")
    }
  }

  @Test func clustersThatNoLongerMatchTheirRowsAreNamedOnce() throws {
    // A filter realigns the labels, so clusters fall out of step only when a table changes
    // under them some other way: here, by hand.
    var ws = ShopSession.run(ShopSession.clustered).workspace
    #expect(ws.unmetStage(.segments, at: .none) == nil)
    ws.setCurrentTable(ws.table.gathering([0, 1, 2]), name: Workspace.customersTable)
    let error = try #require(ws.unmetStage(.segments, at: .none))
    #expect(error.diagnostic.id == .unavailable)
    #expect(error.diagnostic.message == "the clusters no longer match the table 'customers'")
    #expect(error.diagnostic.notes.map(\.message) == ["run cluster again"])
  }

  @Test func aKeptCustomerTableIsTheCustomerStage() {
    var ws = Workspace()
    #expect(ws.unmetStage(.customers, at: .none)?.diagnostic.notes.map(\.message) == [
      "load the transactions and build it first: load \"transactions.csv\", then rfm"
    ])
    ws.setCurrentTable(Table(columns: [Column(name: "customer", data: .integer([1]))]), name: Workspace.customersTable)
    #expect(ws.unmetStage(.customers, at: .none) == nil)
    ws.setCurrentTable(Table(columns: [Column(name: "x", data: .integer([1]))]), name: "other")
    #expect(ws.customerTable != nil)
    #expect(ws.unmetStage(.customers, at: .none) == nil)
    #expect(ws.unmetStage(.segments, at: .none)?.diagnostic.message == "there are no clusters yet")
  }

  @Test func helpAndTheReferenceSayWhatACommandNeeds() throws {
    let registry = CommandRegistry.standard
    let profile = try #require(registry.command(named: "profile"))
    #expect(HelpText.command(profile, registry).contains("Needs segments (cluster)."))
    let reference = CommandReference.markdown(for: registry)
    #expect(reference.contains("Needs a customer table (rfm)."))
    #expect(reference.contains("Needs a table (load)."))
  }
}
