import SegCore
import Testing

/// A log whose date column's name says nothing of dates (`ts` from a database, `when`): `ts` is
/// a date word, and otherwise the one free column whose first values are all dates is the date.
@Suite struct DateByValuesTests {
  @Test func tsIsADateWord() throws {
    let roles = try ColumnRoles.detect(
      in: ["id", "client", "event_ts", "amount"], kinds: [.number, .text, .date, .number])
    #expect(roles[.date] == "event_ts")
    #expect(roles.choices[.date]?.words == ["ts"])
  }

  @Test func theOnlyColumnOfDatesIsTheDate() throws {
    let roles = try ColumnRoles.detect(
      in: ["id", "client", "when", "amount"], kinds: [.number, .text, .date, .number])
    #expect(roles[.date] == "when")
    #expect(roles.choices[.date]?.text == "values are dates")
  }

  /// Olist's order items: the shipping limit scored too low for the date for a reason.
  @Test func aDateTheHeaderSpeaksAgainstIsNotGuessed() throws {
    let roles = try ColumnRoles.detect(
      in: ["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price"],
      kinds: [.text, .number, .text, .text, .date, .number])
    #expect(roles[.date] == nil)
  }

  @Test func twoColumnsOfDatesAreNotGuessed() throws {
    let roles = try ColumnRoles.detect(
      in: ["client", "opened", "closed", "amount"], kinds: [.text, .date, .date, .number])
    #expect(roles[.date] == nil)
  }

  /// A customer table with a sign-up date is no transaction log: without money, invoice or
  /// quantity its dates stay a plain column.
  @Test func aCustomerTableKeepsItsDatesAsAColumn() throws {
    let roles = try ColumnRoles.detect(
      in: ["customer", "signup", "recency", "frequency"], kinds: [.text, .date, .number, .number])
    #expect(roles[.date] == nil)
  }

  /// A PostgreSQL export: `ts` with a `+00` offset, read as the date and converted to UTC.
  @Test func aDatabaseExportLoadsAsALog() throws {
    let text = """
      id,client,ts,amount
      1,c1,2021-01-05 10:00:00+00,10.5
      2,c2,2021-01-06 11:00:00+01,3
      3,c1,2021-03-06 11:00:00+00,4

      """
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.roles[.date] == "ts")
    #expect(
      loaded.table.ints("ts")
        == ["2021-01-05 10:00:00", "2021-01-06 10:00:00", "2021-03-06 11:00:00"].map {
          CivilCalendar.parseISO($0)
        })
    #expect(loaded.report.notes.contains("ts: ISO with UTC offsets, converted to UTC"))
  }
}
