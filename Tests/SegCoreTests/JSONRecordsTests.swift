import Testing

@testable import SegCore

/// Files of JSON records (``JSONCSVSource``): JSON Lines and JSON arrays load as the CSV text
/// they are turned into, and errors name the JSON's own lines.
@Suite struct JSONRecordsTests {
  /// The CSV text a JSON file is read as.
  func csv(_ json: String) throws -> String {
    let source = try JSONCSVSource(file: "f") { MemoryByteSource(Array(json.utf8)) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 7)
    while true {
      let n = try ZipArchive.fill(&chunk, from: 0) { raw throws(LoadError) in try source.read(into: raw) }
      if n == 0 { break }
      out += chunk[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
  }

  @Test func anArrayIsReadAsCSVWithTheJSONsLines() throws {
    let json = "[\n  {\"c\": 1, \"d\": \"2021-01-05\", \"a\": 3.5},\n  {\"c\": 2, \"d\": \"2021-01-06\", \"a\": 4}\n]\n"
    #expect(try csv(json) == "\nc,d,a\n1,2021-01-05,3.5\n2,2021-01-06,4\n")
  }
}

extension JSONRecordsTests {
  /// A Shopify-like JSON Lines export: nested objects, arrays, escapes, a key that first appears
  /// on the last record, nulls and a blank line.
  static let orders = """
    {"order_id": "1001", "customer": {"id": 17, "email": "a@x.com"}, "created_at": "2021-01-05T10:00:00+01:00", "total_price": "12.50", "tags": ["vip", "web"], "discount": null}
    {"order_id": "1002", "customer": {"id": 18}, "created_at": "2021-01-06T11:00:00Z", "total_price": "4.00", "note": "gift, \\"wrapped\\" \\u00e9\\ud83d\\ude00"}

    {"order_id": "1003", "customer": {"id": 17, "email": "a@x.com"}, "created_at": "2021-02-01T09:30:00Z", "total_price": "7.25", "refund": {"amount": "1.00"}}

    """

  @Test func jsonLinesLoadWithEveryKeyAsAColumn() throws {
    let loaded = try TableLoader.load(bytes: Array(Self.orders.utf8), name: "orders.jsonl")
    let table = loaded.table
    #expect(
      table.columnNames == [
        "order_id", "customer.id", "customer.email", "created_at", "total_price", "tags",
        "discount", "note", "refund.amount",
      ])
    #expect(table.rowCount == 3)
    #expect(loaded.roles[.customer] == "customer.id")
    #expect(loaded.roles[.amount] == "total_price")
    #expect(table["total_price"]?.doubles == [12.5, 4.0, 7.25])
    #expect(table["tags"]?.text(at: 0) == "[\"vip\",\"web\"]")
    #expect(table["note"]?.text(at: 1) == "gift, \"wrapped\" é😀")
    #expect(table["customer.email"]?.text(at: 1) == nil)
    #expect(table["refund.amount"]?.doubles?.last == 1.0)
    #expect(loaded.report.json == "JSON Lines")
    #expect(loaded.report.summaryText.hasPrefix("orders.jsonl: 3 rows, 9 columns (JSON Lines)"))
    #expect(
      loaded.report.notes.first
        == "each JSON record is a row and each key a column: nested keys joined with a dot, arrays kept as JSON text")
    // As CSV holding the same values would load.
    let rfm = try RFM.compute(table, roles: loaded.roles)
    #expect(rfm.table["monetary"]?.doubles == [19.75, 4.0])
  }

  /// In 7-byte blocks, streamed (JSON is read into memory), gzip-compressed: the same table.
  @Test func theTableDoesNotDependOnHowTheBytesCome() throws {
    let bytes = Array(Self.orders.utf8)
    let whole = try TableLoader.load(bytes: bytes, name: "o.jsonl")
    let small = try TableLoader.load(bytes: bytes, name: "o.jsonl", blockSize: 64)
    #expect(small.table == whole.table)
    guard case .table(let streamed) = try TableLoader.stream(bytes: bytes, name: "o.jsonl") else {
      Issue.record("JSON records should be read into memory")
      return
    }
    #expect(streamed.table == whole.table)
  }

  @Test func anArrayOfRecordsLoads() throws {
    let json = "[\n  {\"c\": 1, \"d\": \"2021-01-05\", \"a\": 3.5},\n  {\"c\": 2,\n   \"d\": \"2021-01-06\", \"a\": 4}\n]\n"
    let loaded = try TableLoader.load(bytes: Array(json.utf8), name: "a.json")
    #expect(loaded.table["a"]?.doubles == [3.5, 4.0])
    #expect(loaded.report.json == "JSON array")
  }

  /// A value the loader refuses names the JSON's line and the key.
  @Test func errorsNameTheJSONsLine() throws {
    let json = "[{\"c\": 1, \"d\": \"2021-01-05\", \"a\": 3.5},\n\n {\"c\": 2, \"d\": \"2021-01-06\", \"a\": \"abc\"}]"
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(bytes: Array(json.utf8), name: "a.json", options: LoadOptions(roles: [.amount: "a"]))
    }
    #expect(error.code == .nonNumericValue)
    #expect(error.line == 3 && error.column == nil && error.columnName == "a")
  }

  @Test(arguments: [
    ("{\"c\": 1}\n{\"c\" 2}\n", 2, "expected a colon after a key") as (String, Int?, String),
    ("{\"c\": 1}\n[1, 2]\n", 2, "a record is not an object"),
    ("[{\"c\": 1} {\"c\": 2}]", 1, "expected a comma between the array's records"),
    ("[{\"c\": 1},\n{\"c\": 2}", 2, "the array is never closed with ]"),
    ("{\"c\": \"abc\n\"}", 1, "a string runs onto the next line"),
    ("{\"c\": \"\\ud83d\"}", 1, "a lone surrogate in \\u escapes"),
    ("{\"c\": tru}", 1, "a value is not a string, number, object, array, true, false or null"),
    ("{}\n{}\n", nil, "it holds no object with a key"),
  ])
  func malformedJSONIsAnErrorWithItsLine(json: String, line: Int?, what: String) throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(bytes: Array(json.utf8), name: "j.json")
    }
    #expect(error.code == .invalidJSON)
    #expect(error.line == line, "\(error.message)")
    #expect(error.message == "'j.json' cannot be read as JSON records: \(what)")
  }

  /// Deep nesting is refused, not a stack overflow.
  @Test func deepNestingIsRefused() throws {
    let deep = "{\"c\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(bytes: Array(deep.utf8), name: "d.json")
    }
    #expect(error.code == .invalidJSON)
    let objects = "{\"c\": " + String(repeating: "{\"a\": ", count: 10_000) + "1" + String(repeating: "}", count: 10_001)
    #expect(throws: LoadError.self) { try TableLoader.load(bytes: Array(objects.utf8), name: "d.json") }
  }

  @Test(arguments: [
    ("{\"a\": 1}", true), ("\u{FEFF}  [ {\"a\": 1}]", true), ("[\n\n  {", true), ("{}", true),
    ("[Order ID],Date\n1,2", false), ("{customer},date\n", false), ("customer,date\n", false), ("", false),
  ])
  func jsonIsRecognisedByItsFirstBytes(text: String, isJSON: Bool) {
    #expect(JSONCSVSource.looksLikeJSON(Array(text.utf8)) == isJSON)
  }
}
