import Foundation
import SegTestSupport
import Testing

@testable import SegCore

/// Kaggle's sales_data_sample (the LogShapeTests shape `sales_sample`): capital headers run
/// together (`ORDERNUMBER`, `QUANTITYORDERED`, `ORDERLINENUMBER`), and a `PRICEEACH` capped at
/// 100 beside the line's real money, `SALES`. Before, the line number was taken for the order
/// (frequency counted line numbers), and quantity × the capped price silently replaced SALES.
@Suite struct SalesDataSampleTests {
  static let file = RepositoryPaths.root.appendingPathComponent(
    "Tests/SegEndToEndTests/Shapes/sales_sample/sales_data_sample.csv")

  static func options(_ roles: [ColumnRole: String]) -> LoadOptions {
    var options = LoadOptions.default
    options.roles = roles
    return options
  }

  @Test func headersRunTogetherGetTheirRoles() throws {
    #expect(ColumnRoles.words(of: "QUANTITYORDERED") == ["quantity", "ordered"])
    #expect(ColumnRoles.words(of: "ORDERLINENUMBER") == ["order", "line", "number"])
    let loaded = try TableLoader.load(
      path: Self.file.path, options: Self.options([.customer: "CUSTOMERNAME"]))
    #expect(loaded.roles[.invoice] == "ORDERNUMBER")
    #expect(loaded.roles[.quantity] == "QUANTITYORDERED")
    #expect(loaded.roles[.price] == "PRICEEACH")
    #expect(loaded.roles[.amount] == "SALES")
    #expect(!loaded.roles.columns.values.contains("ORDERLINENUMBER"))
  }

  @Test func anAmountThatDisagreesWithQuantityTimesPriceIsNoted() throws {
    let loaded = try TableLoader.load(
      path: Self.file.path, options: Self.options([.customer: "CUSTOMERNAME"]))
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.report.valueSource == "quantity × price")
    let note = try #require(
      result.report.notes.map(\.description).first { $0.hasPrefix("SALES differs from") })
    // The oracle: lines whose SALES is not QUANTITYORDERED × PRICEEACH (to the cent), counted
    // from the file's text.
    let text = try #require(String(data: try Data(contentsOf: Self.file), encoding: .isoLatin1))
    var compared = 0
    var differing = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
      guard let q = Decimal(string: String(f[1])), let p = Decimal(string: String(f[2])),
        let a = Decimal(string: String(f[4]))
      else { continue }
      compared += 1
      if a != q * p { differing += 1 }
    }
    #expect(differing > 0)
    #expect(
      note.hasPrefix(
        "SALES differs from QUANTITYORDERED × PRICEEACH on \(differing) of the \(compared) lines with all three (widest gap: "
      ), "\(note)")
    #expect(note.hasSuffix("(a capped or rounded price, a discount or tax), name it when loading (amount column SALES)"))
    // Streamed in small blocks, the note is the same. A stream needs UTF-8 in date order (the
    // file is Latin-1, in order of order number): its lines sorted by date stream.
    let rows = text.split(separator: "\n")
    func day(_ row: Substring) -> [Int] {
      let date = row.split(separator: ",")[5].split(separator: " ")[0].split(separator: "/")
      return [2, 0, 1].map { Int(date[$0]) ?? 0 }
    }
    let sorted = rows.dropFirst().sorted { day($0).lexicographicallyPrecedes(day($1)) }
    let utf8 = ([rows[0]] + sorted).joined(separator: "\n") + "\n"
    for blockSize in [4_096, 1 << 20] {
      guard
        case .streamed(let log) = try TableLoader.stream(
          bytes: Array(utf8.utf8), name: "sales_data_sample.csv",
          options: Self.options([.customer: "CUSTOMERNAME"]), blockSize: blockSize)
      else {
        Issue.record("the sample log should stream")
        continue
      }
      guard case .result(let streamed) = try log.rfm() else {
        Issue.record("the streamed sums should answer rfm")
        continue
      }
      #expect(streamed.report.notes == result.report.notes, "\(blockSize)")
    }
  }

  @Test func anAmountNamedWithAnOptionIsTheLineValue() throws {
    let loaded = try TableLoader.load(
      path: Self.file.path, options: Self.options([.customer: "CUSTOMERNAME", .amount: "SALES"]))
    #expect(loaded.roles[.price] == nil)
    #expect(loaded.roles[.quantity] == "QUANTITYORDERED")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.report.valueSource == "amount")
    #expect(!result.report.notes.map(\.description).contains { $0.contains("differs from") })
    // Named together, quantity × price stays the line value.
    let all = try TableLoader.load(
      path: Self.file.path,
      options: Self.options([
        .customer: "CUSTOMERNAME", .amount: "SALES", .price: "PRICEEACH",
      ]))
    #expect(try RFM.compute(all.table, roles: all.roles).report.valueSource == "quantity × price")
  }
}
