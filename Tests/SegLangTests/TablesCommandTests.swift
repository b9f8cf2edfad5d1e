import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// `load "FILE" as NAME`, `join`, `rfm` role options and logs without money (issue 13), run
/// through the interpreter on the fixtures of `scripts/make_tables_fixtures.py`.
@Suite struct TablesCommandTests {
  static let dataFiles = [
    "olist_customers.csv", "olist_orders.csv", "olist_order_items.csv", "groceries.csv",
    "groceries_baskets.csv",
  ]

  struct Run {
    var output: String
    var workspace: Workspace
    var error: RuntimeError?
    var host: MemoryHost
  }

  /// What `load "FILE"` prints for a file holding `text`.
  static func loadOutput(_ text: String, file: String) throws -> String {
    let host = MemoryHost()
    try host.writeFileAtomically(Array(text.utf8), toPath: file)
    let source = SourceFile(name: "test.seg", text: "load \"\(file)\"\n")
    var workspace = Workspace()
    _ = Interpreter(host: host).run(
      Compilation(source).script, source: source, workspace: &workspace)
    return host.output
  }

  static func run(_ script: String, environment: [String: String] = [:]) throws -> Run {
    let host = MemoryHost(environment: environment)
    let folder = RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts/data")
    for name in dataFiles {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
      try host.writeFileAtomically(bytes, toPath: "data/" + name)
    }
    let source = SourceFile(name: "test.seg", text: script)
    let compilation = Compilation(source)
    #expect(!compilation.hasErrors)
    var workspace = Workspace()
    let outcome = Interpreter(host: host).run(
      compilation.script, source: source, workspace: &workspace)
    var error: RuntimeError? = nil
    if case .stopped(let e) = outcome { error = e }
    return Run(output: host.output, workspace: workspace, error: error, host: host)
  }

  static let olist = """
    load "data/olist_customers.csv" as customers
    load "data/olist_orders.csv" as orders
    load "data/olist_order_items.csv"
    join orders on=order_id
    join customers on=customer_id
    rfm customer=customer_unique_id invoice=order_id date=order_purchase_timestamp amount=price

    """

  /// A log whose customer column scored too low (PayPal's `From Email Address` beside `To Email
  /// Address`) is not taken for a customer table: the load says which columns could be the
  /// customer, with an option to copy.
  @Test func aLogWithoutACustomerColumnNamesTheCandidates() throws {
    let text = """
      Date,Name,Type,Gross,From Email Address,To Email Address,Transaction ID
      05/01/2021,Ann Lee,Website Payment,53.60,ann@example.com,shop@acme.co.uk,1AB2
      13/01/2021,Bob Roe,Website Payment,26.60,bob@example.com,shop@acme.co.uk,2AB2

      """
    #expect(
      try Self.loadOutput(text, file: "paypal.csv").contains(
        "current table: paypal (a log without a customer column: name it to run rfm, e.g. load \"paypal.csv\" customer=\"From Email Address\"; candidates: From Email Address, To Email Address)"
      ))
  }

  /// Kaggle's supermarket_sales has no customer ids, only `Customer type` (Member, Normal): the
  /// load does not offer a kind of customer as the customer column.
  @Test func aKindOfCustomerIsNotOfferedAsTheCustomerColumn() throws {
    let text = """
      Invoice ID,Branch,Customer type,Gender,Product line,Unit price,Quantity,Total,Date
      750-67-8428,A,Member,Female,Health and beauty,74.69,7,548.9715,1/5/2019
      226-31-3081,C,Normal,Female,Electronic accessories,15.28,5,80.22,3/28/2019

      """
    let output = try Self.loadOutput(text, file: "supermarket_sales.csv")
    #expect(
      output.contains(
        "current table: supermarket_sales (a log without customer ids: Customer type names a kind of customer, not one; rfm needs a column that tells customers apart: name it with customer=COLUMN if the log has one)"
      ), "\(output)")
  }

  @Test func theOlistScriptBuildsTheCustomerTableOfThePeople() throws {
    let r = try Self.run(Self.olist)
    #expect(r.error == nil)
    #expect(r.workspace.tableName == Workspace.customersTable)
    // 35 people bought something: three ordered nothing with items, and the order_status
    // column is recognised, so canceled orders are set aside (as the oracle, TablesOracleTests,
    // sets them aside).
    #expect(r.workspace.table.rowCount == 35)
    #expect(r.workspace.table["monetary"] != nil)
    #expect(r.output.contains("kept as table customers (71 rows, 5 columns); no current table yet"))
    #expect(r.output.contains("kept as table orders (70 rows, 6 columns)"))
    #expect(r.output.contains("join orders on order_id (inner): 92 rows before, 92 rows after"))
    #expect(r.output.contains("columns added: customer_unique_id"))
  }

  @Test func loadAsKeepsTheCurrentTableAndALaterLoadKeepsTheKeptTables() throws {
    let r = try Self.run(
      """
      load "data/olist_order_items.csv"
      load "data/olist_orders.csv" as orders
      load "data/groceries_baskets.csv" customer=Member_number

      """)
    #expect(r.error == nil)
    #expect(r.output.contains("the current table is still customers; join it with: join orders on=KEY"))
    #expect(r.workspace.keptTables["orders"]?.table.rowCount == 70)
    #expect(r.workspace.tableName == Workspace.transactionsTable)
  }

  @Test func tablesListsTheKeptTables() throws {
    let r = try Self.run(
      """
      load "data/olist_orders.csv" as orders
      show tables

      """)
    #expect(r.error == nil)
    #expect(r.output.contains("orders +"))
    #expect(r.output.contains("no current table yet"))
  }

  @Test func anUnknownTableIsSuggested() throws {
    let r = try Self.run(
      """
      load "data/olist_orders.csv" as orders
      load "data/olist_order_items.csv"
      join ordres on=order_id

      """)
    let e = try #require(r.error)
    #expect(e.diagnostic.id == .unknownTable)
    #expect(e.diagnostic.fixIt?.replacement == "orders")
  }

  @Test func anUnknownKeyNamesTheTableAndTheNearestColumn() throws {
    let r = try Self.run(
      """
      load "data/olist_customers.csv" as customers
      load "data/olist_order_items.csv"
      join customers on=order_id

      """)
    let e = try #require(r.error)
    #expect(e.diagnostic.id == .unknownJoinKey)
    #expect(e.diagnostic.message == "table 'customers' has no column 'order_id'")
  }

  @Test func joinBeforeAnyLoadSaysWhatToLoad() throws {
    let r = try Self.run(
      """
      load "data/olist_orders.csv" as orders
      join orders on=order_id

      """)
    let e = try #require(r.error)
    #expect(e.diagnostic.id == .noTable)
    #expect(e.diagnostic.message.contains("none is loaded"))
  }

  @Test func aManyToManyJoinWarns() throws {
    let r = try Self.run(
      """
      load "data/olist_orders.csv" as again
      load "data/olist_orders.csv"
      join again on=customer_id

      """)
    #expect(r.error == nil)
    #expect(r.output.contains("order_status_again"))
    #expect(r.workspace.table["order_id_again"] != nil)
  }

  @Test func aLogWithoutMoneyRunsThePipelineWithoutMoneyColumns() throws {
    let r = try Self.run(
      """
      load "data/groceries_baskets.csv" customer=Member_number product=itemDescription
      rfm
      scale
      cluster k=3 n_init=2
      name auto
      profile
      export "out.csv"

      """)
    #expect(r.error == nil)
    #expect(r.output.contains("line value: none: the log has no money column"))
    #expect(r.workspace.features.columns == ["recency", "frequency"])
    #expect(!r.output.lowercased().contains("spend"))
    #expect(!r.output.contains("monetary"))
    #expect(r.output.contains("named from recency and frequency standing"))
    let export = String(decoding: r.host.file(atPath: "out.csv") ?? [], as: UTF8.self)
    #expect(export.hasPrefix("customer,recency,frequency,tenure,"))
    #expect(!export.contains("monetary"))
  }

  @Test func clvOnALogWithoutMoneyAsksForSpendNone() throws {
    let r = try Self.run(
      """
      load "data/groceries_baskets.csv" customer=Member_number
      clv unit=day

      """)
    let e = try #require(r.error)
    #expect(e.diagnostic.id == .clvError)
    #expect(e.diagnostic.message.contains("needs money"))
  }

  @Test func clvWithSpendNoneRunsOnALogWithoutMoneyWithoutMoneyColumns() throws {
    let r = try Self.run(
      """
      load "data/groceries_baskets.csv" customer=Member_number
      clv unit=week spend=none

      """)
    #expect(r.error == nil)
    #expect(r.workspace.table.columnNames == ["customer", "x", "t_x", "T", "exp_purchases", "p_alive"])
  }

  /// The streamed path gives a log without money the same output and export.
  @Test func aStreamedLogWithoutMoneyGivesTheSameOutput() throws {
    let script = """
      load "data/groceries_baskets.csv" customer=Member_number product=itemDescription
      rfm top=2
      export "out.csv"

      """
    let memory = try Self.run(script)
    let streamed = try Self.run(script, environment: ["SEG_STREAM_THRESHOLD": "0"])
    #expect(memory.error == nil)
    #expect(streamed.error == nil)
    #expect(streamed.output == memory.output)
    #expect(streamed.host.file(atPath: "out.csv") == memory.host.file(atPath: "out.csv"))
  }

  @Test func asIsAnOptionWrittenWithoutEqualsAndPrintedBackSo() throws {
    let source = SourceFile(name: "t.seg", text: "load \"a.csv\" as orders\nload \"b.csv\" as=items\n")
    let compilation = Compilation(source)
    #expect(!compilation.hasErrors)
    let printed = compilation.script.statements.map { Printer.print($0) }
    #expect(printed == ["load \"a.csv\" as orders", "load \"b.csv\" as items"])
    guard case .command(let c)? = compilation.script.statements.first else {
      Issue.record("not a command")
      return
    }
    #expect(c.options.map(\.name) == ["as"])
  }

  @Test func checkWarnsAboutAJoinBeforeLoadAndATableNoLoadKeeps() {
    let source = SourceFile(
      name: "t.seg",
      text: """
        join orders on=order_id
        load "o.csv" as orders
        load "i.csv"
        join ordrs on=order_id
        join orders on=order_id

        """)
    let diagnostics = SemanticCheck.diagnostics(in: Compilation(source).script)
    let ids = diagnostics.map(\.id)
    #expect(ids.contains(.commandBeforeStage))
    #expect(ids.filter { $0 == .unknownTable }.count == 2)
    #expect(diagnostics.last?.fixIt?.replacement == "orders")
  }
}
