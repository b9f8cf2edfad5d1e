import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// `clv` in a session: predictions joined onto the RFM customer table, `profile` and `export`
/// using them, `export clv` writing the documented JSON shape, and the errors.
@Suite struct CLVCommandTests {
  /// The CDNOW sample: repeat customers' spend varies, so Gamma-Gamma has an interior optimum
  /// (the shop's customers spend nearly the same every day, which sends its `p` to infinity).
  static let script = """
    load "cdnow.txt" header=false columns=[id, customer, date, cds, dollars] dateformat="%Y%m%d" amount=dollars
    rfm
    clv end=1997-09-30 holdout=1998-06-30
    scale
    cluster k=3
    name auto
    profile
    export clv "clv.json"
    export "segments.csv"

    """

  /// One run shared by the tests that only read it.
  static let session = ShopSession.run(CLVCommandTests.script, files: ["cdnow.txt": cdnow])

  /// The text of `Tests/SegEndToEndTests/Scripts/data/CDNOW_sample.txt`.
  static let cdnow: String = {
    let url = RepositoryPaths.root.appendingPathComponent(
      "Tests/SegEndToEndTests/Scripts/data/CDNOW_sample.txt")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  @Test func predictionsJoinTheCustomerTableAndFeedProfileAndExport() throws {
    let r = CLVCommandTests.session
    guard case .completed = r.outcome else {
      Issue.record("stopped: \(r.host.errors)")
      return
    }
    let ws = r.workspace
    let result = try #require(ws.clv)
    #expect(ws.tableName == Workspace.customersTable)
    for name in Workspace.clvColumns { #expect(ws.table[name] != nil, "\(name)") }
    // Every customer of the summary has its own values in the joined table.
    let ids = try #require(ws.table["customer"])
    let clv = try #require(ws.table["clv"]?.doubles)
    var summaryValue: [String: Double] = [:]
    for i in 0..<result.summary.count {
      if let id = Commands.idKey(result.summary.customers, i) { summaryValue[id] = result.value[i] }
    }
    var matched = 0
    for row in 0..<ws.table.rowCount {
      guard let id = Commands.idKey(ids, row) else { continue }
      if let v = summaryValue[id] {
        #expect(clv[row] == v)
        matched += 1
      } else {
        #expect(clv[row].isNaN)
      }
    }
    #expect(matched == result.summary.count)
    #expect(r.host.output.contains("  clv mean "))
    #expect(r.host.output.contains("  clv share "))
    let csv = try #require(ShopSession.text(r.host, "segments.csv"))
    #expect(csv.hasPrefix("customer,"))
    #expect(csv.split(separator: "\n").first?.contains("exp_purchases,p_alive,exp_spend,clv") == true)
  }

  @Test func exportCLVWritesTheDocumentedShape() throws {
    let r = CLVCommandTests.session
    let text = try #require(ShopSession.text(r.host, "clv.json"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["unit", "end", "customers", "bgnbd", "gamma_gamma", "holdout"])
    #expect(object["unit"] as? String == "week")
    #expect(object["end"] as? String == "1997-09-30")
    let bg = try #require(object["bgnbd"] as? [String: Any])
    #expect(Set(bg.keys) == ["r", "alpha", "a", "b", "loglik", "converged"])
    #expect(bg["converged"] as? Bool == true)
    let result = try #require(r.workspace.clv)
    // Numbers in shortest round-trip form (JSONSerialization's own parsing is not exact).
    #expect(text.contains("\"loglik\": \(result.bgnbd.logLikelihood)"))
    #expect(text.contains("\"r\": \(result.bgnbd["r"])"))
    let gg = try #require(object["gamma_gamma"] as? [String: Any])
    #expect(Set(gg.keys) == ["p", "q", "gamma", "loglik"])
    let holdout = try #require(object["holdout"] as? [String: Any])
    let rows = try #require(holdout["rows"] as? [[String: Any]])
    #expect(rows.map { $0["purchases"] as? String ?? "" } == ["0", "1", "2", "3", "4", "5", "6", "7+"])
    #expect(text.contains("\"mae\": \(result.holdout?.meanAbsoluteError ?? .nan)"))
  }

  @Test func withoutSpendOrHoldoutTheirFieldsAreNull() throws {
    let r = ShopSession.run(
      "load \"shop.csv\"\nclv spend=none end=2011-09-30\nexport clv \"clv.json\"\n")
    guard case .completed = r.outcome else {
      Issue.record("stopped: \(r.host.errors)")
      return
    }
    let text = try #require(ShopSession.text(r.host, "clv.json"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["pareto_nbd"] == nil)
    #expect(object["gamma_gamma"] is NSNull)
    #expect(object["holdout"] is NSNull)
    #expect(r.workspace.table["clv"]?.doubles?.allSatisfy(\.isNaN) == true)
  }

  /// The shop's customers spend nearly the same on each purchase day: the Gamma-Gamma likelihood
  /// rises without bound in `p`, and `clv` says so instead of printing a boundary estimate.
  @Test func gammaGammaWithoutSpendSpreadIsAClearError() throws {
    let r = ShopSession.run("load \"shop.csv\"\nclv end=2011-09-30\n")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.message.hasPrefix("the Gamma-Gamma fit did not converge"))
    #expect(e.diagnostic.message.contains("p = "))
    #expect(e.diagnostic.notes.contains { $0.kind == .help && $0.message.contains("spend=none") })
    let without = ShopSession.run("load \"shop.csv\"\nclv end=2011-09-30 spend=none\n")
    guard case .completed = without.outcome else {
      Issue.record("stopped: \(without.host.errors)")
      return
    }
  }

  @Test func exportCLVBeforeCLVIsAnError() throws {
    let r = ShopSession.run("load \"shop.csv\"\nexport clv \"clv.json\"\n")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.message == "there is no clv result to export")
  }

  @Test func aRunIsReproducible() {
    let a = CLVCommandTests.session
    let b = ShopSession.run(CLVCommandTests.script, files: ["cdnow.txt": CLVCommandTests.cdnow])
    #expect(a.host.output == b.host.output)
    #expect(ShopSession.text(a.host, "clv.json") == ShopSession.text(b.host, "clv.json"))
  }

  @Test func headerFalseNeedsColumnNames() throws {
    let r = ShopSession.run("load \"shop.csv\" header=false\n")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.message == "header=false needs the column names")
    let c = ShopSession.run("load \"shop.csv\" columns=[a, b]\n")
    let e2 = try #require(stoppedError(c.outcome))
    #expect(e2.diagnostic.message == "columns= names the columns of a file without a header")
  }

  @Test func headerFalseReadsTheFirstLineAsData() throws {
    let host = MemoryHost(files: ["log.txt": "7 2011-01-03 10\n7 2011-01-09 20\n8 2011-01-04 5\n"])
    let source = SourceFile(
      name: "t.seg",
      text: "load \"log.txt\" header=false columns=[customer, date, amount]\n")
    var ws = Workspace()
    let compilation = Compilation(source, registry: .standard)
    _ = Interpreter(host: host).run(compilation.script, source: source, workspace: &ws)
    #expect(ws.table.rowCount == 3)
    #expect(ws.table.columnNames == ["customer", "date", "amount"])
    let wrong = MemoryHost(files: ["log.txt": "7 2011-01-03 10\n"])
    let bad = SourceFile(name: "t.seg", text: "load \"log.txt\" header=false columns=[customer, date]\n")
    var ws2 = Workspace()
    let outcome = Interpreter(host: wrong).run(
      Compilation(bad, registry: .standard).script, source: bad, workspace: &ws2)
    let e = try #require(stoppedError(outcome))
    #expect(e.diagnostic.message.contains("the first row has 3 fields but 2 column names were given"))
  }
}
