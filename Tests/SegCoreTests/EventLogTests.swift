import Testing

@testable import SegCore

/// Event logs (docs/rfm.md, "Cancellations", 3): a web shop's views and carts are no purchases.
/// The corpus shape `events` (REES46's layout) checks the RFM table against its oracle; these
/// are the rules around it.
@Suite struct EventLogTests {
  static let retailRocket = """
    timestamp,visitorid,event,itemid,transactionid
    1433193500981,992329,addtocart,248676,
    1433221332117,257597,view,355908,
    1433221955914,111016,view,5206,
    1433221955914,483821,view,10572,
    1433221999827,111016,addtocart,5206,
    1433222276276,257597,transaction,355908,4000
    1433223236124,992329,transaction,248676,4001
    1433223236124,992329,transaction,5206,4001
    1433224214164,992329,view,248676,

    """

  @Test func viewsAndCartsAreNoPurchases() throws {
    let loaded = try TableLoader.load(text: Self.retailRocket, name: "events.csv")
    #expect(loaded.roles[.customer] == "visitorid" && loaded.roles[.invoice] == "transactionid")
    #expect(loaded.roles.cancellation?.rule == .events("event"))
    let summary = loaded.report.summaryText
    #expect(
      summary.contains(
        "not purchases     6 rows: event records other events (addtocart, view) beside purchases (transaction): only the purchases are kept"
      ), "\(summary)")
    #expect(!summary.contains("are cancellations or returns"))
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    // Only the two visitors with a transaction are customers; each bought once.
    #expect(result.table.ints("customer").compactMap { $0 } == [257597, 992329])
    #expect(result.table.ints("frequency").compactMap { $0 } == [1, 1])
    #expect(result.report.otherLines == 6)
    #expect(result.report.otherLinesText.hasPrefix("other events than purchases (event)"))
    // Streamed, in small blocks too, the same table.
    let bytes = Array(Self.retailRocket.utf8)
    for blockSize in [64, 1 << 16] {
      switch try TableLoader.stream(bytes: bytes, name: "events.csv", blockSize: blockSize) {
      case .streamed(let log):
        #expect(log.roles.cancellation?.rule == .events("event"), "\(blockSize)")
        let (streamed, _) = try LogStreamTests.streamedRFM(bytes, log, .default, blockSize: blockSize)
        #expect(streamed.table == result.table, "\(blockSize)")
      case .table(let loaded):
        // Small blocks may show the rule late: the load then goes to memory.
        #expect(blockSize < 1 << 16)
        #expect(try RFM.compute(loaded.table, roles: loaded.roles).table == result.table)
      }
    }
  }

  @Test func cancelledNoneKeepsEveryRow() throws {
    var options = LoadOptions.default
    options.cancellationRule = CancellationRule.none
    let loaded = try TableLoader.load(text: Self.retailRocket, options: options)
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.rowCount == 4)
  }

  @Test(arguments: [
    ("purchase", true, false), ("transaction", true, false), ("buy", true, false),
    ("completed_order", true, false), ("view", false, true), ("pv", false, true),
    ("addtocart", false, true), ("add_to_cart", false, true), ("remove_from_cart", false, true),
    ("begin_checkout", false, true), ("view_order", false, true), ("fav", false, true),
    ("refund", false, false), ("", false, false),
  ])
  func eventValues(value: String, purchase: Bool, other: Bool) {
    #expect(CancellationRule.isPurchaseEvent(value) == purchase)
    #expect(CancellationRule.isOtherEvent(value) == other)
  }

  /// Only a column named for events, holding both kinds, makes an event log: a `type` column of
  /// orders, or an event column of purchases alone, changes nothing.
  @Test func otherLogsAreNoEventLogs() throws {
    let onlyPurchases = "user_id,event_time,event_type,price\n1,2021-01-01,purchase,3\n2,2021-01-02,purchase,4\n"
    #expect(try TableLoader.load(text: onlyPurchases).roles.cancellation?.rule == CancellationRule.none)
    let notNamed = "user_id,event_time,kind,price\n1,2021-01-01,view,3\n2,2021-01-02,purchase,4\n"
    #expect(try TableLoader.load(text: notNamed).roles.cancellation?.rule == CancellationRule.none)
    #expect(CancellationRule.isEventName("event_type") && CancellationRule.isEventName("behavior_type"))
    #expect(!CancellationRule.isEventName("eventual_total") && !CancellationRule.isEventName("Order Status"))
    // A status column still comes first.
    let both = "user_id,event_time,event,status,price\n1,2021-01-01,purchase,cancelled,3\n2,2021-01-02,view,ok,4\n"
    #expect(try TableLoader.load(text: both).roles.cancellation?.rule == .status("status"))
  }

  /// Google Analytics 4's BigQuery export as JSON Lines: `event_name` is the event (no product),
  /// `event_timestamp` microseconds since the epoch, the revenue nested under `ecommerce`.
  @Test func googleAnalyticsEventsKeepThePurchases() throws {
    let text = """
      {"event_timestamp":"1609491600000000","event_name":"page_view","user_pseudo_id":"11.16","ecommerce":{"purchase_revenue":null}}
      {"event_timestamp":"1609495200000000","event_name":"add_to_cart","user_pseudo_id":"11.16","ecommerce":{"purchase_revenue":null}}
      {"event_timestamp":"1609498800123456","event_name":"purchase","user_pseudo_id":"11.16","ecommerce":{"transaction_id":"T1","purchase_revenue":42.5}}
      {"event_timestamp":"1609585200000000","event_name":"view_item","user_pseudo_id":"27.16","ecommerce":{"purchase_revenue":null}}
      {"event_timestamp":"1609588800000000","event_name":"purchase","user_pseudo_id":"27.16","ecommerce":{"transaction_id":"T2","purchase_revenue":10}}

      """
    let loaded = try TableLoader.load(text: text, name: "events.jsonl")
    #expect(loaded.roles[.date] == "event_timestamp")
    #expect(loaded.roles[.customer] == "user_pseudo_id")
    #expect(loaded.roles[.amount] == "ecommerce.purchase_revenue")
    #expect(loaded.roles[.product] == nil && loaded.roles[.description] == nil)
    #expect(loaded.roles.cancellation?.rule == .events("event_name"))
    #expect(loaded.report.notes.contains("event_timestamp: Unix epoch microseconds, read as UTC"))
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.doubles("monetary") == [42.5, 10])
    #expect(result.table.ints("recency").compactMap { $0 } == [2, 1])
  }
}
