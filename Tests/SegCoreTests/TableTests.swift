import SegCore
import Testing

@Suite struct TableTests {
  let table = Table(columns: [
    Column(name: "customer", data: .integer([1, 2, 3])),
    Column(name: "monetary", data: .decimal([10.5, .nan, 3])),
    Column(name: "country", data: .category(codes: [0, Column.missingCode, 1], dictionary: ["UK", "FR"])),
  ])

  @Test func rowCountAndNames() {
    #expect(table.rowCount == 3)
    #expect(table.columnNames == ["customer", "monetary", "country"])
    #expect(Table.empty.rowCount == 0)
  }

  @Test func categoriesReadAsText() {
    let c = table["country"]
    #expect(c?.type == .text)
    #expect(c?.text(at: 0) == "UK")
    #expect(c?.text(at: 1) == nil)
    #expect(c?.text(at: 2) == "FR")
  }

  @Test func filteringKeepsOrderAndTypes() {
    let t = table.filtered([true, false, true])
    #expect(t.rowCount == 2)
    #expect(t["customer"]?.data == .integer([1, 3]))
    #expect(t["country"]?.text(at: 1) == "FR")
  }

  @Test func setColumnReplacesInPlace() {
    var t = table
    t.setColumn(Column(name: "customer", data: .integer([7, 8, 9])))
    #expect(t.columnNames == ["customer", "monetary", "country"])
    #expect(t["customer"]?.data == .integer([7, 8, 9]))
  }

  @Test func integerColumnsConvertToDoublesWithNaNForMissing() {
    let c = Column(name: "x", data: .integer([1, Column.missingInteger]))
    let d = c.doubles ?? []
    #expect(d.count == 2 && d[0] == 1 && d[1].isNaN)
  }

  @Test func missingDecimalsAreEqualButValuesAreCompared() {
    // Separate buffers, so that equality cannot short-cut on identity.
    let a = Column(name: "x", data: .decimal([1.5, .nan].map { $0 + 0 }))
    let b = Column(name: "x", data: .decimal([1.5, .nan].map { $0 * 1 }))
    #expect(a == b)
    #expect(Table(columns: [a]) == Table(columns: [b]))
    #expect(a != Column(name: "x", data: .decimal([1.5, 2])))
    #expect(a != Column(name: "x", data: .decimal([1.5])))
    #expect(a != Column(name: "x", data: .integer([1, Column.missingInteger])))
  }
}
