import Foundation
import SegCore
import SegTestSupport
import Testing

/// Logs of other shapes than Online Retail load with no options (at most header=false) and their
/// RFM equals the standard-library oracle `scripts/oracle_log_shapes.py`, whose figures are
/// committed as `Fixtures/shapes/*_expected.csv`; in memory and streamed alike.
@Suite struct LogShapeTests {
  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path("shapes/" + name))))
  }

  static let cdnowOptions = LoadOptions(
    columnNames: ["id", "customer", "date", "quantity", "amount"])

  /// Per customer: recency, frequency, monetary.
  static func expected(_ name: String) throws -> [String: (Int64, Int64, Double)] {
    let table = try TableLoader.load(path: Fixture.path("shapes/\(name)_expected.csv")).table
    var out: [String: (Int64, Int64, Double)] = [:]
    let customers = table.texts("customer").map { $0 ?? "" }
    let r = table.ints("recency")
    let f = table.ints("frequency")
    let m = table.doubles("monetary")
    for (k, c) in customers.enumerated() { out[c] = (r[k] ?? -1, f[k] ?? -1, m[k]) }
    return out
  }

  static func check(_ result: RFMResult, against name: String) throws {
    let expected = try expected(name)
    let t = result.table
    let customers = t.texts("customer").map { $0 ?? "" }
    #expect(customers.count == expected.count, "\(name): customers")
    let r = t.ints("recency")
    let f = t.ints("frequency")
    let m = t.doubles("monetary")
    for (k, c) in customers.enumerated() {
      guard let e = expected[c] else {
        Issue.record("\(name): customer \(c) is not in the oracle")
        continue
      }
      #expect(r[k] == e.0, "\(name) \(c) recency")
      #expect(f[k] == e.1, "\(name) \(c) frequency")
      #expect(abs(m[k] - e.2) <= 1e-6 * max(1, abs(e.2)), "\(name) \(c) monetary \(m[k]) vs \(e.2)")
    }
  }

  @Test(arguments: [
    ("superstore.csv", "superstore"), ("uci.csv", "uci"), ("olist.csv", "olist"),
    ("noinvoice.csv", "noinvoice"), ("cdnow.txt", "cdnow"),
  ])
  func rfmEqualsTheOracleInMemory(file: String, name: String) throws {
    let options = name == "cdnow" ? LogShapeTests.cdnowOptions : .default
    let loaded = try TableLoader.load(bytes: try LogShapeTests.bytes(file), name: file, options: options)
    #expect(loaded.roles.isTransactionLog)
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    try LogShapeTests.check(result, against: name)
  }

  @Test(arguments: [
    ("superstore.csv", "superstore"), ("uci.csv", "uci"), ("olist.csv", "olist"),
    ("noinvoice.csv", "noinvoice"), ("cdnow.txt", "cdnow"),
  ])
  func rfmEqualsTheOracleStreamed(file: String, name: String) throws {
    let options = name == "cdnow" ? LogShapeTests.cdnowOptions : .default
    let bytes = try LogShapeTests.bytes(file)
    let memory = try TableLoader.load(bytes: bytes, name: file, options: options)
    for blockSize in [64, 512, 1 << 16] {
      let streamed = try TableLoader.stream(
        bytes: bytes, name: file, options: options, blockSize: blockSize)
      guard case .streamed(let log) = streamed else {
        // Small blocks may show the rule late (the first `canceled` status, a C invoice turning
        // a numeric column into text): the load then goes to memory, with the same answer.
        #expect(blockSize < 1 << 16, "\(file) should stream in one block")
        if case .table(let loaded) = streamed {
          try LogShapeTests.check(try RFM.compute(loaded.table, roles: loaded.roles), against: name)
        }
        continue
      }
      #expect(log.report.summaryText == memory.report.summaryText, "\(file) \(blockSize)")
      #expect(log.roles.cancellation?.rule == memory.roles.cancellation?.rule)
      let (result, _) = try LogStreamTests.streamedRFM(bytes, log, .default, blockSize: blockSize)
      try LogShapeTests.check(result, against: name)
    }
  }

  @Test func superstoreOrderIDsAreNoCancellations() throws {
    let loaded = try TableLoader.load(bytes: try LogShapeTests.bytes("superstore.csv"), name: "s")
    let roles = loaded.roles
    #expect(roles[.customer] == "Customer ID")
    #expect(roles[.invoice] == "Order ID")
    #expect(roles[.date] == "Order Date")
    #expect(roles[.amount] == "Sales")
    #expect(roles[.quantity] == "Quantity")
    #expect(roles[.price] == nil)
    #expect(roles[.product] == "Product ID")
    #expect(roles[.description] == "Product Name")
    #expect(roles[.category] == "Category")
    #expect(roles[.country] == "Country")
    #expect(roles.choices[.amount]?.runnerUp == "Profit")
    #expect(roles.cancellation?.rule == CancellationRule.none)
    #expect(loaded.report.cancellations == 0)
    let text = loaded.report.summaryText
    #expect(text.contains("cancellations      0 rows: none (Order ID values start with C but not as a prefix of other invoice numbers: CA-2015-149320)"))
    #expect(text.contains("Sales          decimal         0  amount       sales; runner-up Profit"))
    #expect(!text.contains("warning"))
  }

  @Test func onlineRetailCPrefixIsACancellationByEvidence() throws {
    let loaded = try TableLoader.load(bytes: try LogShapeTests.bytes("uci.csv"), name: "u")
    #expect(loaded.roles.cancellation?.rule == .prefix("C"))
    let reason = try #require(loaded.roles.cancellation?.reason)
    #expect(reason.description.hasPrefix("invoices starting with C (C"))
    #expect(reason.contains(" beside 5"))
    #expect((loaded.report.cancellations ?? 0) > 0)
  }

  @Test func aStatusColumnIsRecognisedAndPriceIsTheAmount() throws {
    let loaded = try TableLoader.load(bytes: try LogShapeTests.bytes("olist.csv"), name: "o")
    let roles = loaded.roles
    #expect(roles[.customer] == "customer_unique_id")
    #expect(roles[.invoice] == "order_id")
    #expect(roles[.date] == "order_purchase_timestamp")
    #expect(roles[.amount] == "price")
    #expect(roles[.product] == "product_id")
    #expect(roles.cancellation?.rule == .status("order_status"))
    #expect(roles.cancellation?.statusValues == ["canceled"])
  }

  @Test func explicitChoicesReplaceTheEvidence() throws {
    let bytes = try LogShapeTests.bytes("uci.csv")
    var options = LoadOptions()
    options.cancellationRule = CancellationRule.none
    let none = try TableLoader.load(bytes: bytes, name: "u", options: options)
    #expect(none.report.cancellations == 0)
    #expect(none.report.cancellationRule == "none (\(setting: .cancelled, "none"))")
    options.cancellationRule = .prefix("53")
    let prefix = try TableLoader.load(bytes: bytes, name: "u", options: options)
    #expect((prefix.report.cancellations ?? 0) > 0)
    options.cancellationRule = .status("Country")
    let status = try TableLoader.load(bytes: bytes, name: "u", options: options)
    #expect(status.report.cancellations == 0)
    options.cancellationRule = .status("Stat")
    #expect(throws: LoadError.self) { try TableLoader.load(bytes: bytes, name: "u", options: options) }
  }

  @Test func withoutAnInvoiceAPurchaseIsACustomersDay() throws {
    let text = """
      customer_id,trans_date,tran_amount
      CS1,2013-01-02,10
      CS1,2013-01-02,20
      CS2,2013-01-02,5
      CS1,2013-01-03,1
      """
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.roles[.customer] == "customer_id")
    #expect(loaded.roles[.date] == "trans_date")
    #expect(loaded.roles[.amount] == "tran_amount")
    #expect(loaded.roles[.invoice] == nil)
    let rfm = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(rfm.table.ints("frequency") == [2, 1])
    #expect(rfm.report.notes.contains { $0.contains("a purchase is a customer's day") })
  }

  @Test func aHeaderThatLooksLikeDataIsReported() throws {
    let loaded = try TableLoader.load(bytes: try LogShapeTests.bytes("cdnow.txt"), name: "cdnow.txt")
    #expect(loaded.report.warnings.contains { $0.contains("looks like data") && $0.settings.contains(.header) })
    let named = try TableLoader.load(
      bytes: try LogShapeTests.bytes("cdnow.txt"), name: "cdnow.txt",
      options: LogShapeTests.cdnowOptions)
    #expect(!named.report.warnings.contains { $0.contains("looks like data") })
    #expect(named.roles[.customer] == "customer")
    #expect(named.roles[.date] == "date")
    #expect(named.roles[.amount] == "amount")
    #expect(named.roles[.quantity] == "quantity")
    let real = try TableLoader.load(text: "a,b\n1,2\n")
    #expect(real.report.warnings.contains { $0.contains("looks like data") } == false)
  }

  @Test(arguments: [
    ("Member_number", ["member", "number"]), ("order_purchase_timestamp", ["order", "purchase", "timestamp"]),
    ("tran_amount", ["tran", "amount"]), ("customer_unique_id", ["customer", "unique", "id"]),
    ("InvoiceNo", ["invoice", "no"]), ("itemDescription", ["item", "description"]),
    ("CustomerID", ["customer", "id"]), ("Sub-Category", ["sub", "category"]),
    ("Customer ID", ["customer", "id"]), ("trans.date", ["trans", "date"]),
  ])
  func headerNamesSplitIntoWords(name: String, words: [String]) {
    #expect(ColumnRole.tokens(of: name) == words)
  }

  /// Money columns of till, payment and marketplace exports: a line's subtotal before tax, gross
  /// money beside fees, net and a running balance, a total beside a record counter and a payment
  /// method.
  @Test func moneyColumnsOfTillAndPaymentExports() throws {
    let lightspeed = try ColumnRoles.detect(
      in: ["Sale Date", "Receipt Number", "Customer Code", "Quantity", "Subtotal", "Sales Tax",
        "Discount", "Total (Tax Incl)", "Status"],
      kinds: [.date, .number, .text, .number, .number, .number, .number, .number, .text])
    #expect(lightspeed[.amount] == "Subtotal")
    #expect(lightspeed[.invoice] == "Receipt Number")
    let paypal = try ColumnRoles.detect(
      in: ["Date", "Name", "Type", "Gross", "Fee", "Net", "Transaction ID", "Balance"],
      kinds: [.date, .text, .text, .number, .number, .number, .text, .number])
    #expect(paypal[.amount] == "Gross")
    let ebay = try ColumnRoles.detect(
      in: ["Sales Record Number", "Order Number", "Buyer Email", "Quantity", "Sold For",
        "Total Price", "Payment Method", "Sale Date"],
      kinds: [.number, .text, .text, .number, .number, .number, .text, .date])
    #expect(ebay[.amount] == "Total Price")
    #expect(ebay[.price] == nil)
    // Amazon's orders report: sales-channel (Amazon.com) is no amount, and a text column is
    // not made the amount beside a quantity and a price.
    let amazon = try ColumnRoles.detect(
      in: ["amazon-order-id", "purchase-date", "order-status", "sales-channel", "sku", "quantity",
        "item-price"],
      kinds: [.text, .date, .text, .text, .text, .number, .number])
    #expect(amazon[.amount] == nil)
    #expect(amazon[.price] == "item-price")
    let misfit = try ColumnRoles.detect(
      in: ["order", "date", "customer", "quantity", "price", "payment"],
      kinds: [.text, .date, .text, .number, .number, .text])
    #expect(misfit[.amount] == nil)
    let sales = try ColumnRoles.detect(
      in: ["Order ID", "Date", "Customer", "Sales Rep", "Sales Region", "Sales"],
      kinds: [.text, .date, .text, .text, .text, .number])
    #expect(sales[.amount] == "Sales")
    #expect(sales.choices[.amount]?.runnerUp == nil)
    // Square's report: net sales (after discounts) beat gross sales.
    let square = try ColumnRoles.detect(
      in: ["Date", "Customer ID", "Gross Sales", "Discounts", "Net Sales"],
      kinds: [.date, .text, .number, .number, .number])
    #expect(square[.amount] == "Net Sales")
  }

  /// A person's name is no item's: Magento's `Bill-to Name`, `Ship-to Name` and `Customer
  /// Name` neither describe nor name products, while `Product Name` and `Item Title` do.
  @Test func peoplesNamesAreNoItems() throws {
    let magento = try ColumnRoles.detect(
      in: ["ID", "Purchase Date", "Bill-to Name", "Ship-to Name", "Grand Total (Base)",
        "Customer Email", "Customer Name", "Billing Name", "Status"],
      kinds: [.text, .date, .text, .text, .number, .text, .text, .text, .text])
    #expect(magento[.description] == nil)
    #expect(magento[.product] == nil)
    #expect(magento[.customer] == "Customer Email")
    #expect(magento[.amount] == "Grand Total (Base)")
    let shop = try ColumnRoles.detect(
      in: ["Order", "Customer Name", "Product Name", "Date", "Amount"],
      kinds: [.text, .text, .text, .date, .number])
    #expect(shop[.product] == "Product Name")
    #expect(shop.choices[.product]?.runnerUp == nil)
  }

  @Test func commonNamingsGetTheirRolesWithoutOptions() throws {
    func roles(_ names: [String], _ kinds: [SampledKind]) throws -> ColumnRoles {
      try ColumnRoles.detect(in: names, kinds: kinds)
    }
    let retail = try roles(
      ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
      [.number, .text, .text, .number, .date, .number, .number, .text])
    #expect(retail.columns == [
      .invoice: "InvoiceNo", .product: "StockCode", .description: "Description",
      .quantity: "Quantity", .date: "InvoiceDate", .price: "UnitPrice", .customer: "CustomerID",
      .country: "Country",
    ])
    let retailII = try roles(
      ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"],
      [.number, .text, .text, .number, .date, .number, .number, .text])
    #expect(retailII[.invoice] == "Invoice")
    #expect(retailII[.price] == "Price")
    #expect(retailII[.customer] == "Customer ID")
    #expect(retailII[.date] == "InvoiceDate")
    let basket = try roles(["Member_number", "Date", "itemDescription"], [.number, .date, .text])
    #expect(basket[.customer] == "Member_number")
    #expect(basket.choices[.customer]?.words == ["member"])
    #expect(basket[.date] == "Date")
    #expect(basket[.product] == "itemDescription")
    let trans = try roles(["customer_id", "trans_date", "tran_amount"], [.text, .date, .number])
    #expect(trans.columns == [.customer: "customer_id", .date: "trans_date", .amount: "tran_amount"])
    // Without sampled values the names alone decide.
    let names = try ColumnRoles.detect(in: ["customer_id", "trans_date", "tran_amount"])
    #expect(names[.amount] == "tran_amount")
    #expect(names[.date] == "trans_date")
  }
}
