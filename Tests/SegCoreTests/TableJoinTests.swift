import Foundation
import SegCore
import SegTestSupport
import Testing

/// `Table.joined(with:named:on:kind:)`: a hash join with deterministic row order.
@Suite struct TableJoinTests {
  static let items = Table(columns: [
    Column(name: "order_id", data: .text(["o1", "o2", "o1", "o9", nil, "o3"])),
    Column(name: "price", data: .decimal([10, 20, 30, 40, 50, 60])),
  ])
  static let orders = Table(columns: [
    Column(name: "order_id", data: .text(["o3", "o1", "o2", "o4"])),
    Column(name: "customer_id", data: .text(["c3", "c1", "c2", "c4"])),
    Column(name: "price", data: .integer([7, 8, 9, 10])),
  ])

  @Test func innerJoinKeepsTheCurrentOrderAndDropsRowsWithoutAMatch() throws {
    let r = try Self.items.joined(with: Self.orders, named: "orders", on: ["order_id"])
    #expect(r.table.texts("order_id") == ["o1", "o2", "o1", "o3"])
    #expect(r.table.texts("customer_id") == ["c1", "c2", "c1", "c3"])
    #expect(r.table.doubles("price") == [10, 20, 30, 60])
    #expect(r.report.rowsBefore == 6)
    #expect(r.report.rowsAfter == 4)
    #expect(r.report.unmatchedRows == 2)
    #expect(r.report.rowsWithMissingKey == 1)
    #expect(r.report.unmatchedNamedRows == 1)
    #expect(r.report.keysRepeatedOnBothSides == 0)
  }

  @Test func leftJoinKeepsEveryRowWithMissingValues() throws {
    let r = try Self.items.joined(with: Self.orders, named: "orders", on: ["order_id"], kind: .left)
    #expect(r.table.rowCount == 6)
    #expect(r.table.texts("customer_id") == ["c1", "c2", "c1", nil, nil, "c3"])
    #expect(r.table.ints("price_orders") == [8, 9, 8, nil, nil, 7])
  }

  @Test func aClashingColumnGetsTheTableSuffixAndIsReported() throws {
    let r = try Self.items.joined(with: Self.orders, named: "orders", on: ["order_id"])
    #expect(r.table.columnNames == ["order_id", "price", "customer_id", "price_orders"])
    #expect(r.report.renamed.map(\.from) == ["price"])
    #expect(r.report.renamed.map(\.to) == ["price_orders"])
    #expect(r.report.addedColumns == ["customer_id", "price_orders"])
  }

  @Test func aKeyRepeatedInTheNamedTableGivesOneRowPerMatchInItsOrder() throws {
    let left = Table(columns: [Column(name: "k", data: .integer([2, 1]))])
    let right = Table(columns: [
      Column(name: "k", data: .integer([1, 2, 1, 2])),
      Column(name: "v", data: .text(["a", "b", "c", "d"])),
    ])
    let r = try left.joined(with: right, named: "r", on: ["k"])
    #expect(r.table.ints("k") == [2, 2, 1, 1])
    #expect(r.table.texts("v") == ["b", "d", "a", "c"])
    #expect(r.report.keysRepeatedInNamed == 2)
    #expect(r.report.keysRepeatedOnBothSides == 0)
  }

  @Test func aKeyRepeatedOnBothSidesIsCountedAsManyToMany() throws {
    let left = Table(columns: [Column(name: "k", data: .integer([1, 1, 2]))])
    let right = Table(columns: [
      Column(name: "k", data: .integer([1, 1, 1, 2])),
      Column(name: "v", data: .integer([10, 11, 12, 20])),
    ])
    let r = try left.joined(with: right, named: "r", on: ["k"])
    #expect(r.table.rowCount == 7)
    #expect(r.table.ints("v") == [10, 11, 12, 10, 11, 12, 20])
    #expect(r.report.keysRepeatedOnBothSides == 1)
    #expect(r.report.rowsFromRepeatedKeys == 6)
  }

  @Test func anIntegerKeyAgainstATextKeyIsComparedAsTextAndReported() throws {
    let left = Table(columns: [Column(name: "zip", data: .integer([1310, 22050]))])
    let right = Table(columns: [
      Column(name: "zip", data: .text(["01310", "22050"])),
      Column(name: "city", data: .text(["sao paulo", "rio"])),
    ])
    let r = try left.joined(with: right, named: "geo", on: ["zip"], kind: .left)
    #expect(r.table.texts("city") == [nil, "rio"])
    let m = try #require(r.report.mismatches.first)
    #expect(r.report.mismatches.count == 1)
    #expect(m.column == "zip" && m.leftType == .integer && m.rightType == .text)
    #expect(!m.comparedAsNumbers)
    #expect(r.report.unmatchedRows == 1)
  }

  @Test func integerAgainstDecimalKeysAreComparedAsNumbers() throws {
    let left = Table(columns: [Column(name: "id", data: .integer([1, 2]))])
    let right = Table(columns: [
      Column(name: "id", data: .decimal([2.0, 1.0])),
      Column(name: "v", data: .text(["two", "one"])),
    ])
    let r = try left.joined(with: right, named: "r", on: ["id"])
    #expect(r.table.texts("v") == ["one", "two"])
    #expect(r.report.mismatches.first?.comparedAsNumbers == true)
  }

  @Test func severalKeysMatchOnAllOfThem() throws {
    let left = Table(columns: [
      Column(name: "a", data: .integer([1, 1, 2])),
      Column(name: "b", data: .text(["x", "y", "x"])),
    ])
    let right = Table(columns: [
      Column(name: "b", data: .category(codes: [1, 0, 0], dictionary: ["x", "y"])),
      Column(name: "a", data: .integer([1, 1, 2])),
      Column(name: "v", data: .integer([100, 200, 300])),
    ])
    let r = try left.joined(with: right, named: "r", on: ["a", "b"])
    #expect(r.table.ints("v") == [200, 100, 300])
    #expect(r.table.columnNames == ["a", "b", "v"])
  }

  @Test func aMissingKeyColumnNamesTheSideAndSuggests() {
    #expect {
      try Self.items.joined(with: Self.orders, named: "orders", on: ["ordr_id"])
    } throws: { error in
      let e = error as? JoinError
      return e?.code == .missingKeyInCurrent && e?.suggestions.first == "order_id"
    }
    #expect {
      try Self.items.joined(with: Self.orders, named: "orders", on: [])
    } throws: { error in
      (error as? JoinError)?.code == .invalidKeys
    }
    let noKey = Table(columns: [Column(name: "x", data: .integer([1]))])
    #expect {
      try Self.items.joined(with: noKey, named: "n", on: ["order_id"])
    } throws: { error in
      (error as? JoinError)?.code == .missingKeyInNamed
    }
  }

  @Test func aJoinOverTheRowLimitIsRefused() {
    let left = Table(columns: [Column(name: "k", data: .integer([1, 1, 1]))])
    let right = Table(columns: [Column(name: "k", data: .integer([1, 1, 1]))])
    #expect {
      try left.joined(with: right, named: "r", on: ["k"], maximumRows: 8)
    } throws: { error in
      (error as? JoinError)?.code == .tooManyRows
    }
  }

  @Test func anEmptyTableJoinsToNothing() throws {
    let r = try Self.items.gathering([]).joined(with: Self.orders, named: "o", on: ["order_id"])
    #expect(r.report.unmatchedNamedRows == 4)
    #expect(r.table.rowCount == 0)
  }
}
