import Foundation
@testable import SegCore
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

  /// A status that says an order is not paid yet is no cancellation: its lines count as
  /// purchases, and the summary warns (WooCommerce's `Pending payment` and `On hold`).
  @Test func unpaidStatusesAreNamedInTheSummary() throws {
    #expect(CancellationRule.isUnsettledStatus("Pending payment"))
    #expect(CancellationRule.isUnsettledStatus("wc-on-hold"))
    #expect(CancellationRule.isUnsettledStatus("awaiting_payment"))
    #expect(CancellationRule.isUnsettledStatus("En attente"))
    #expect(!CancellationRule.isUnsettledStatus("Completed"))
    #expect(!CancellationRule.isUnsettledStatus("partially_paid"))
    #expect(!CancellationRule.isUnsettledStatus("cancelled pending refund"))
    #expect(!CancellationRule.isCancelledStatus("Pending payment"))
    // In the other languages of the header words.
    for status in ["Annullerad", "Returneret", "Kansellert", "Anulowane", "Zrušeno", "Peruttu", "Törölve"] {
      #expect(CancellationRule.isCancelledStatus(status), "\(status)")
    }
    for status in ["Väntande", "Oczekujące", "Függőben"] {
      #expect(CancellationRule.isUnsettledStatus(status), "\(status)")
    }
    #expect(CancellationRule.isStatusName("Stav objednávky"))
    #expect(CancellationRule.isStatusName("Tilauksen tila"))
    let text = """
      Order Number,Order Status,Order Date,Email (Billing),Order Total Amount
      1001,Completed,2021-01-05 10:00,ann@example.com,53.60
      1002,Refunded,2021-01-07 14:10,bob@example.com,26.60
      1003,Pending payment,2021-02-11 12:00,cy@example.com,17.96
      1004,On hold,2021-02-12 12:00,cy@example.com,17.96
      1005,Processing,2021-03-01 09:30,bob@example.com,48.20

      """
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "woo.csv")
    #expect(loaded.roles.cancellation?.rule == .status("Order Status"))
    #expect(
      loaded.roles.cancellation?.unsettled
        == UnsettledStatuses(column: "Order Status", values: ["On hold", "Pending payment"]))
    #expect(loaded.report.cancellations == 1)
    #expect(
      loaded.report.warnings.contains {
        $0.description.contains("Order Status says some orders may not be paid yet (On hold, Pending payment)")
      })
    // A status column with unpaid values and no cancelled one is still named.
    let open = text.replacingOccurrences(of: "Refunded", with: "Completed")
    let unpaid = try TableLoader.load(bytes: Array(open.utf8), name: "woo.csv")
    #expect(unpaid.roles.cancellation?.rule != .status("Order Status"))
    #expect(unpaid.roles.cancellation?.unsettled?.column == "Order Status")
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
    // PayPal's full activity download: the insurance, shipping-and-handling and sales-tax
    // amounts are no spend, whatever `Amount` says.
    let activity = try ColumnRoles.detect(
      in: ["Date", "Name", "Type", "Status", "Gross", "Fee", "Net", "From Email Address",
        "To Email Address", "Shipping and Handling Amount", "Insurance Amount", "Sales Tax",
        "Quantity", "Balance"],
      kinds: [.date, .text, .text, .text, .number, .number, .number, .text, .text, .number,
        .number, .number, .number, .number])
    #expect(activity[.amount] == "Gross")
    #expect(activity[.customer] == nil)
    #expect(ColumnRoles.mentions(.customer, in: "From Email Address"))
    #expect(!ColumnRoles.mentions(.customer, in: "Insurance Amount"))
  }

  /// `NULL`, `N/A`, `\N`, `None` … in number, date and id columns are missing values, as pandas
  /// reads them: not a stop at the first one, and not one customer named `NULL`.
  @Test func nullTokensAreMissingValues() throws {
    let tokens = ["NULL", "null", "\\N", "NA", "NaN", "None", "N/A", "n/a", "#N/A", "nil", "(null)"]
    for token in tokens + ["<NULL>", " NULL "] {
      #expect(NullToken.matches(token), "\(token)")
    }
    for value in ["Nancy", "nab", "-", "0", "N", "NULLS", "n.a.", ""] {
      #expect(!NullToken.matches(value), "\(value)")
    }
    let ids = """
      InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
      536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
      536366,71053,6,2010-12-01 08:28:00,3.39,NULL,United Kingdom
      536367,84406B,8,2010-12-02 09:00:00,NULL,13047.0,NA
      536368,84029G,2,NULL,4.25,13047.0,United Kingdom
      536369,84029E,2,2010-12-04 10:00:00,N/A,17850.0,United Kingdom
      536370,84029E,3,2010-12-05 10:00:00,4.25,17850.0,United Kingdom

      """
    let loaded = try TableLoader.load(bytes: Array(ids.utf8), name: "sql.csv")
    let table = loaded.table
    #expect(table["CustomerID"]?.type == .integer)
    #expect(table["UnitPrice"]?.type == .decimal)
    #expect(table["InvoiceDate"]?.type == .datetime)
    #expect(loaded.report.columns.map(\.missing) == [0, 0, 0, 1, 2, 1, 0])
    // A text column keeps `NA` as written (Namibia's code).
    #expect(table["Country"]?.text(at: 2) == "NA")
    #expect(loaded.report.notes.contains("UnitPrice: 2 values written NULL or the like read as missing"))
    #expect(loaded.report.notes.contains("CustomerID: 1 value written NULL read as missing"))
    #expect(loaded.report.notes.contains("InvoiceDate: 1 value written NULL read as missing"))
    #expect(loaded.report.rowsWithoutCustomer == 1)

    // A text id column (e-mail addresses) with `NULL` for guests: missing, not a customer.
    let emails = """
      order_id,customer_email,order_date,total
      A1,ann@example.com,2021-01-05,10.00
      A2,NULL,2021-01-06,20.00
      A3,bob@example.com,2021-01-07,30.00
      A4,null,2021-01-08,40.00

      """
    let guests = try TableLoader.load(bytes: Array(emails.utf8), name: "shop.csv")
    #expect(guests.roles[.customer] == "customer_email")
    #expect(guests.report.distinctCustomers == 2)
    #expect(guests.report.rowsWithoutCustomer == 2)
    #expect(guests.report.notes.contains("customer_email: 2 values written NULL or the like read as missing"))
  }

  /// Number columns written alike are named in one line of the summary.
  @Test func numberNotesNameTheirColumnsInOneLine() {
    #expect(LoadSession.listing(["Net Sales"]) == "Net Sales")
    #expect(LoadSession.listing(["Tax", "Tip"]) == "Tax, Tip")
    #expect(
      LoadSession.listing(["Shipping and Handling", "Total Refunded"])
        == "Shipping and Handling, Total Refunded")
    #expect(LoadSession.listing(["A", "B", "C", "D"]) == "A, B, C, D")
    #expect(LoadSession.listing(["A", "B", "C", "D", "E", "F"]) == "A, B, C and 3 more columns")
  }

  /// Without a product code, item names are the products only when they repeat: a payment
  /// export's `Description` (`Order 1001`, one per payment) stays a description.
  @Test func descriptionsThatDoNotRepeatAreNoProducts() throws {
    let names = ["Created (UTC)", "Amount", "Customer ID", "Description"]
    let kinds: [SampledKind] = [.date, .number, .text, .text]
    let stripe = try ColumnRoles.detect(
      in: names, kinds: kinds, repeating: [false, true, true, false])
    #expect(stripe[.product] == nil)
    #expect(stripe[.description] == "Description")
    #expect(stripe.choices[.description]?.text.contains("values do not repeat") == true)
    let basket = try ColumnRoles.detect(
      in: names, kinds: kinds, repeating: [false, true, true, true])
    #expect(basket[.product] == "Description")
    #expect(basket[.description] == nil)
    // Unknown repetition (a table already in memory): names are products, as before.
    #expect(try ColumnRoles.detect(in: names, kinds: kinds)[.product] == "Description")
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
