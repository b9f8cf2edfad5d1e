import Foundation
import SegCore
import SegTestSupport
import Synchronization
import Testing

@testable import SegLang

/// A kernel that sees the interpreter's `isCancelled` say stop ends the statement with the same
/// `cancelled` error as a check between statements (the REPL prints `cancelled` for it).
@Suite struct KernelCancellationTests {
  /// Runs `statement` on the prepared shop customers with an `isCancelled` that says stop from
  /// its second question on: the first is the check before the statement, so the stop is seen
  /// inside the command.
  private func runCancelledInside(_ statement: String) -> RuntimeError? {
    let prepared = ShopSession.run(ShopSession.prepared)
    guard case .completed = prepared.outcome else { return nil }
    var workspace = prepared.workspace
    let asked = Atomic<Int>(0)
    let interpreter = Interpreter(host: prepared.host) {
      asked.add(1, ordering: .relaxed).newValue > 1
    }
    let source = SourceFile(name: "cancel.seg", text: statement + "\n")
    let compilation = Compilation(source, registry: .standard)
    guard !compilation.hasErrors else { return nil }
    let outcome = interpreter.run(compilation.script, source: source, workspace: &workspace)
    return stoppedError(outcome)
  }

  @Test(arguments: [
    "choose 2..6 resamples=5", "elbow 2..6", "silhouette 2..6", "cluster k=4",
    "cluster k=4 method=hierarchical", "cluster k=3 method=gmm", "cluster method=dbscan",
    "tsne perplexity=10",
  ])
  func aKernelThatSeesStopEndsTheStatementAsCancelled(statement: String) {
    let error = runCancelledInside(statement)
    #expect(error?.kind == .cancelled, "\(statement): \(String(describing: error))")
    #expect(error?.diagnostic.id == .cancelled)
  }

  @Test func aLoadThatSeesStopEndsAsCancelled() {
    let host = MemoryHost(files: ["shop.csv": ShopSession.csv])
    var workspace = Workspace()
    let asked = Atomic<Int>(0)
    let interpreter = Interpreter(host: host) { asked.add(1, ordering: .relaxed).newValue > 2 }
    let source = SourceFile(name: "load.seg", text: "load \"shop.csv\"\n")
    let compilation = Compilation(source, registry: .standard)
    let error = stoppedError(
      interpreter.run(compilation.script, source: source, workspace: &workspace))
    #expect(error?.kind == .cancelled)
    #expect(!workspace.hasTable)
  }
}
