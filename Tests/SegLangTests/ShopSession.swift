import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Runs scripts against the small committed transaction log `shop.csv` (64 customers in four
/// groups and two very large accounts; `scripts/make_shop_fixture.py`), in memory.
enum ShopSession {
  /// The text of `Tests/SegEndToEndTests/Scripts/shop.csv`.
  static let csv: String = {
    let url = RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts/shop.csv")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  /// Loads the log, builds the customer table, sets the two large accounts aside and scales.
  static let prepared = """
    load "shop.csv"
    rfm asof=2011-12-10
    filter z<3
    transform log
    scale

    """

  /// ``prepared``, then a sweep, a fit with k = 4 and automatic names.
  static let clustered =
    prepared + """
      elbow 2..6
      silhouette 2..6
      cluster k=4
      name auto

      """

  /// Runs `text` with `shop.csv` available; the host claims a terminal when `terminal` is set.
  static func run(
    _ text: String, terminal: Bool = false, environment: [String: String] = [:],
    files: [String: String] = [:]
  ) -> (host: MemoryHost, outcome: RunOutcome, workspace: Workspace) {
    let host = MemoryHost(
      files: files.merging(["shop.csv": csv]) { a, _ in a }, environment: environment,
      isOutputTerminal: terminal)
    let source = SourceFile(name: "shop.seg", text: text)
    var workspace = Workspace()
    let compilation = Compilation(source, registry: .standard)
    for d in compilation.diagnostics { host.report(d, in: source) }
    guard !compilation.hasErrors else {
      return (host, .stopped(RuntimeError(compilation.diagnostics[0])), workspace)
    }
    let outcome = Interpreter(host: host).run(
      compilation.script, source: source, workspace: &workspace)
    if case .stopped(let e) = outcome { host.report(e.diagnostic, in: source) }
    return (host, outcome, workspace)
  }

  /// The text of a file the script wrote.
  static func text(_ host: MemoryHost, _ path: String) -> String? {
    host.file(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }
}
