import Foundation
import Testing

@testable import SegCore

/// Payment exports (a Stripe charges export): a failed or declined charge is no purchase, and a
/// column of refunded money that rfm does not subtract is named in the load summary, in memory
/// and streamed alike.
@Suite struct PaymentExportTests {
  static let charges = """
    id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount Refunded,Status,Customer ID,Captured
    ch_1,Order 1001,2023-05-02 10:14:22,49.00,0.00,usd,0.00,Paid,cus_A1,true
    ch_2,Order 1002,2023-05-03 11:00:00,120.50,120.50,usd,120.50,Refunded,cus_B2,true
    ch_3,Order 1003,2023-05-03 12:00:00,80.00,0.00,usd,0.00,Failed,cus_A1,false
    ch_4,Order 1004,2023-06-01 09:30:00,"1,049.99",100.00,usd,100.00,Paid,cus_A1,true
    ch_5,Order 1005,2023-06-02 09:30:00,15.00,0.00,usd,0.00,Declined,cus_C3,false

    """

  @Test func failedChargesAreNoPurchasesAndRefundsAreNamed() throws {
    let loaded = try TableLoader.load(text: PaymentExportTests.charges)
    #expect(loaded.roles[.amount] == "Amount")
    #expect(loaded.report.refundColumn == "Amount Refunded")
    // ch_2 is refunded whole (set aside by its status); ch_4's refund counts as spent.
    #expect(loaded.report.refundedRows == 1)
    #expect(
      loaded.report.summaryText.contains(
        "warning: Amount Refunded holds refunds on 1 row that count as purchases; rfm does not subtract them"))
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.doubles("monetary") == [1098.99])
    #expect(result.table.ints("frequency") == [2])
    #expect(result.report.otherLines == 3)
  }

  @Test func theStreamedLoadSaysTheSame() throws {
    let bytes = Array(PaymentExportTests.charges.utf8)
    let memory = try TableLoader.load(bytes: bytes, name: "charges.csv", options: .default)
    for blockSize in [64, 1 << 16] {
      let streamed = try TableLoader.stream(
        bytes: bytes, name: "charges.csv", options: .default, blockSize: blockSize)
      if case .streamed(let log) = streamed {
        #expect(log.report.summaryText == memory.report.summaryText, "\(blockSize)")
      } else if case .table(let loaded) = streamed {
        #expect(loaded.report.summaryText == memory.report.summaryText, "\(blockSize)")
      }
    }
  }

  @Test(arguments: [
    ("Amount Refunded", true), ("refund_amount", true), ("Erstattungsbetrag", true),
    ("Montant remboursé", true), ("Importe reembolsado", true), ("Amount", false),
    ("Status", false),
  ])
  func refundColumnsAreFoundByName(name: String, isRefund: Bool) throws {
    let names = ["customer", "date", "total", name]
    let roles = try ColumnRoles.detect(in: names, kinds: [.text, .date, .number, .number])
    #expect(roles[.amount] == (name == "Amount" ? "Amount" : "total"), "\(name)")
    let found = TableStatistics.refundColumn(in: names, roles: roles, isNumber: { $0 != "customer" })
    #expect((found == name) == isRefund, "\(name)")
    // A text column (a refund reason) is no refunded money.
    #expect(TableStatistics.refundColumn(in: names, roles: roles, isNumber: { $0 == "total" }) == nil)
  }
}

/// Shop exports that identify customers by e-mail only.
@Suite struct EmailCustomerTests {
  @Test func anEmailColumnIsTheCustomerWhenThereIsNoID() throws {
    let shop = ["Name", "Email", "Financial Status", "Paid at", "Created at", "Lineitem quantity",
                "Lineitem name", "Lineitem price", "Total", "Cancelled at"]
    let roles = try ColumnRoles.detect(
      in: shop, kinds: [.text, .text, .text, .date, .date, .number, .text, .number, .number, .date])
    #expect(roles[.customer] == "Email")
    #expect(roles[.date] == "Created at")
    #expect(roles[.quantity] == "Lineitem quantity")
    #expect(roles[.price] == "Lineitem price")
    let woo = try ColumnRoles.detect(
      in: ["Order Number", "Order Date", "Billing E-mail", "Order Total Amount"],
      kinds: [.number, .date, .text, .number])
    #expect(woo[.customer] == "Billing E-mail")
    #expect(woo[.invoice] == "Order Number")
  }

  @Test func aCustomerIDBeatsAnEmail() throws {
    let roles = try ColumnRoles.detect(
      in: ["Customer Email", "Customer ID", "Created (UTC)", "Amount"], kinds: [.text, .text, .date, .number])
    #expect(roles[.customer] == "Customer ID")
  }
}

/// A point-of-sale item export (Square's columns): `Price Point Name` holds tier names
/// (`Large`), so it is not the price; `Net Sales` (after discounts) is the line value and beats
/// `Gross Sales`; a `Refund` event's negative quantity is a return.
@Suite struct PointOfSaleExportTests {
  static let square = """
    Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Event Type,Customer ID,Customer Name
    2021-12-30,09:15:03,Eastern Time (US & Canada),Coffee,Latte,1,Large,LAT-L,$5.25,$0.00,$5.25,$0.42,8xGk1,Payment,CUST01,Ann Lee
    2021-12-30,09:15:03,Eastern Time (US & Canada),Bakery,Croissant,2,Regular,CRO,$7.00,($1.00),$6.00,$0.48,8xGk1,Payment,CUST01,Ann Lee
    2021-12-30,10:02:44,Eastern Time (US & Canada),Coffee,Drip,1,Regular,DRP,$2.50,$0.00,$2.50,$0.20,9aaQ2,Payment,,
    2021-12-31,08:01:10,Eastern Time (US & Canada),Coffee,Latte,1,Large,LAT-L,$5.25,$0.00,$5.25,$0.42,7kkP3,Payment,CUST02,Bo Park
    2021-12-31,11:30:00,Eastern Time (US & Canada),Coffee,Latte,-1,Large,LAT-L,-$5.25,$0.00,-$5.25,-$0.42,7kkP3,Refund,CUST02,Bo Park
    2022-01-02,14:20:00,Eastern Time (US & Canada),Bakery,Muffin,3,Regular,MUF,$9.00,$0.00,$9.00,$0.72,5ttR4,Payment,CUST01,Ann Lee

    """

  @Test func aPointOfSaleExportFindsItsRoles() throws {
    let loaded = try TableLoader.load(text: PointOfSaleExportTests.square)
    #expect(loaded.roles[.price] == nil)
    #expect(loaded.roles[.amount] == "Net Sales")
    #expect(loaded.roles.choices[.amount]?.runnerUp == "Gross Sales")
    #expect(loaded.roles[.invoice] == "Transaction ID")
    #expect(loaded.roles[.customer] == "Customer ID")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.texts("customer") == ["CUST01", "CUST02"])
    #expect(result.table.doubles("monetary") == [20.25, 0])
    #expect(result.report.returnLines == 1)
  }

  @Test(arguments: ["Price Point Name", "Price Type", "Amount Description", "Qty Label"])
  func aHeaderThatNamesTextIsNoNumberRole(name: String) throws {
    let roles = try ColumnRoles.detect(
      in: ["customer", "date", name], kinds: [.text, .date, .unknown])
    #expect(roles[.price] == nil && roles[.amount] == nil && roles[.quantity] == nil, "\(name)")
  }

  /// A marketplace's sold-items export (Etsy's columns): `Transaction ID` is each line's own id
  /// and `Order ID` the order, which its lines share: the order is the invoice, so a customer's
  /// frequency counts orders, not lines. `12/30/21` has a two-digit year.
  static let etsy = """
    Sale Date,Item Name,Buyer,Quantity,Price,Discount Amount,Order Shipping,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Order ID,SKU
    12/30/21,Handmade Ceramic Mug,ceramiclover88,1,28.00,0,5.50,28.00,USD,2857361234,1012345678,12/30/21,2301234567,MUG-BL
    12/30/21,Linen Napkins,ceramiclover88,2,18.50,3.70,0,37.00,USD,2857361235,1012345679,12/30/21,2301234567,NAP-4
    01/03/22,Handmade Ceramic Mug,jdoe_shop,1,28.00,0,5.50,28.00,USD,2859999999,1012345678,01/03/22,2302222222,MUG-GR
    01/15/22,Beeswax Candle,ceramiclover88,3,12.00,0,4.00,36.00,USD,2861111111,1012345680,01/15/22,2303333333,CAN

    """

  @Test func theOrderThatLinesShareIsTheInvoice() throws {
    let loaded = try TableLoader.load(text: PointOfSaleExportTests.etsy)
    #expect(loaded.roles[.invoice] == "Order ID")
    #expect(loaded.roles.choices[.invoice]?.words.contains("lines share its values") == true)
    #expect(loaded.roles[.customer] == "Buyer")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.texts("customer") == ["ceramiclover88", "jdoe_shop"])
    #expect(result.table.ints("frequency") == [2, 1])
    #expect(result.table.doubles("monetary") == [101, 28])
  }

  @Test func repeatsDecideOnlyBetweenNamedInvoices() throws {
    // `tran_amount`'s amounts repeat, but its name names no invoice outright.
    let roles = try ColumnRoles.detect(
      in: ["customer_id", "trans_date", "tran_amount"], kinds: [.text, .date, .number],
      repeating: [true, true, true])
    #expect(roles[.invoice] == nil)
    #expect(roles[.amount] == "tran_amount")
  }
}
