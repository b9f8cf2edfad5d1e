import Foundation
import SegCore
import SegTestSupport
import Testing

/// The reference figures of `shared/data/README.md`, checked on the shipped copy of the data.
@Suite struct RealDataLoadTests {
  static let loaded: LoadedTable? = try? TableLoader.load(path: RepositoryPaths.exampleData.path)

  @Test func loadsWithoutOptionsAndFindsTheRoles() throws {
    let loaded = try #require(RealDataLoadTests.loaded)
    #expect(loaded.table.rowCount == 541_909)
    #expect(
      loaded.table.columnNames == [
        "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
        "CustomerID", "Country",
      ]
    )
    #expect(loaded.roles[.customer] == "CustomerID")
    #expect(loaded.roles[.invoice] == "InvoiceNo")
    #expect(loaded.roles[.date] == "InvoiceDate")
    #expect(loaded.roles[.quantity] == "Quantity")
    #expect(loaded.roles[.price] == "UnitPrice")
    #expect(loaded.roles[.product] == "StockCode")
    #expect(loaded.roles[.description] == "Description")
    #expect(loaded.roles[.country] == "Country")
    #expect(
      loaded.table.columns.map(\.type) == [
        .text, .text, .text, .integer, .datetime, .decimal, .integer, .text,
      ]
    )
  }

  @Test func matchesTheReferenceCounts() throws {
    let loaded = try #require(RealDataLoadTests.loaded)
    let t = loaded.table
    guard case .category(_, let invoices)? = t["InvoiceNo"]?.data,
      case .category(_, let stockCodes)? = t["StockCode"]?.data,
      case .category(let descriptionCodes, let descriptions)? = t["Description"]?.data,
      case .category(let countryCodes, let countries)? = t["Country"]?.data,
      case .integer(let quantity)? = t["Quantity"]?.data,
      case .decimal(let price)? = t["UnitPrice"]?.data
    else {
      Issue.record("unexpected column types")
      return
    }
    #expect(invoices.count == 25_900)
    #expect(stockCodes.count == 4_070)
    #expect(descriptions.count + 1 == 4_224)  // the empty description is a missing value
    #expect(descriptionCodes.filter { $0 == Column.missingCode }.count == 1_454)
    #expect(countries.count == 38)
    #expect(quantity.reduce(0, +) == 5_176_450)
    var revenue = 0.0
    for i in quantity.indices { revenue += Double(quantity[i]) * price[i] }
    #expect(abs(revenue - 9_747_747.934) < 1e-3)
    let uk = countries.firstIndex(of: "United Kingdom").map(UInt32.init)
    let germany = countries.firstIndex(of: "Germany").map(UInt32.init)
    let france = countries.firstIndex(of: "France").map(UInt32.init)
    #expect(countryCodes.filter { $0 == uk }.count == 495_478)
    #expect(countryCodes.filter { $0 == germany }.count == 9_495)
    #expect(countryCodes.filter { $0 == france }.count == 8_557)
    #expect(descriptions.filter { $0.contains("£") }.isEmpty == false)

    let r = loaded.report
    #expect(r.rows == 541_909)
    #expect(r.distinctCustomers == 4_372)
    #expect(r.rowsWithoutCustomer == 135_080)
    #expect(r.cancellations == 9_288)
    #expect(r.negativeQuantities == 10_624)
    #expect(r.zeroPrices == 2_515)
    #expect(r.negativePrices == 2)
    #expect(r.duplicateRows == 5_268)
    #expect(r.isCompressed)
    #expect(r.encoding == .utf8 && !r.encodingFallback)
    #expect(r.delimiter == .comma)
    #expect(r.firstDate.map { CivilCalendar.isoText(seconds: $0) } == "2010-12-01 08:26:00")
    #expect(r.lastDate.map { CivilCalendar.isoText(seconds: $0) } == "2011-12-09 12:50:00")
  }
}
