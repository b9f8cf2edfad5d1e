import SegCore
import Testing

@Suite struct TableConcatenationTests {
  @Test func categoriesWithDifferentDictionariesAreReencoded() {
    let a = Table(columns: [
      Column(name: "id", data: .integer([1, 2])),
      Column(name: "c", data: .category(codes: [0, 1], dictionary: ["x", "y"])),
    ])
    let b = Table(columns: [
      Column(name: "id", data: .integer([3, 4, 5])),
      Column(
        name: "c", data: .category(codes: [1, Column.missingCode, 0], dictionary: ["y", "z"])),
    ])
    let t = a.appending(rowsOf: b)
    #expect(t["id"]?.data == .integer([1, 2, 3, 4, 5]))
    #expect((0..<5).map { t["c"]?.text(at: $0) } == ["x", "y", "z", nil, "y"])
  }

  @Test func mixedNumericColumnsBecomeDecimalAndOthersText() {
    let a = Table(columns: [
      Column(name: "n", data: .integer([1, Column.missingInteger])),
      Column(name: "t", data: .boolean([true, nil])),
    ])
    let b = Table(columns: [
      Column(name: "n", data: .decimal([2.5])), Column(name: "t", data: .text(["maybe"])),
    ])
    let t = a.appending(rowsOf: b)
    #expect(t["n"]?.doubles?.map { $0.isNaN ? -1 : $0 } == [1, -1, 2.5])
    #expect(t["t"]?.data == .text(["true", nil, "maybe"]))
  }

  @Test func appendingAnEmptyTableChangesNothing() {
    let a = Table(columns: [Column(name: "n", data: .integer([1]))])
    let empty = Table(columns: [Column(name: "n", data: .decimal([]))])
    #expect(a.appending(rowsOf: empty) == a)
    #expect(empty.appending(rowsOf: a) == a)
  }
}
