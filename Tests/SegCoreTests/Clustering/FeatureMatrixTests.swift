import SegCore
import Testing

@Suite struct FeatureMatrixTests {
  let table = Table(columns: [
    Column(name: "recency", data: .integer([3, 40, 200])),
    Column(name: "monetary", data: .decimal([120.5, 80, 15])),
    Column(name: "country", data: .text(["UK", "FR", nil])),
  ])

  @Test func documentedExampleBuildsARowMajorMatrix() throws {
    let m = try FeatureMatrix(table: table, columns: ["recency", "monetary"])
    #expect(m.rows == 3 && m.cols == 2)
    #expect(m[1, 1] == 80)
    #expect(m.values == [3, 120.5, 40, 80, 200, 15])
    #expect(m.column(0) == [3, 40, 200])
  }

  @Test func missingColumnIsNamed() {
    #expect(throws: AnalysisError.missingColumn(name: "frequency")) {
      try FeatureMatrix(table: table, columns: ["recency", "frequency"])
    }
  }

  @Test func nonNumericColumnIsNamedWithItsType() {
    #expect(throws: AnalysisError.nonNumericColumn(name: "country", type: .text)) {
      try FeatureMatrix(table: table, columns: ["country"])
    }
  }

  @Test func missingAndInfiniteValuesAreCountedPerColumn() {
    let t = Table(columns: [
      Column(name: "a", data: .decimal([1, .nan, .infinity, 4])),
      Column(name: "b", data: .integer([1, Column.missingInteger, 3, 4])),
    ])
    #expect(throws: AnalysisError.nonFiniteValues(column: "a", count: 2)) {
      try FeatureMatrix(table: t, columns: ["a", "b"])
    }
    #expect(throws: AnalysisError.nonFiniteValues(column: "b", count: 1)) {
      try FeatureMatrix(table: t, columns: ["b"])
    }
    #expect(
      AnalysisError.nonFiniteValues(column: "a", count: 2).description
        == "column 'a' has 2 missing or infinite values")
  }

  @Test func noColumnsAndDuplicateColumnsAreRefused() {
    #expect(throws: AnalysisError.noFeatures) { try FeatureMatrix(table: table, columns: []) }
    #expect(
      throws: AnalysisError.invalidParameter(name: "columns", reason: "'recency' is listed twice")
    ) {
      try FeatureMatrix(table: table, columns: ["recency", "recency"])
    }
  }

  @Test func flatValuesMustMatchTheShape() {
    #expect(throws: AnalysisError.shapeMismatch(what: "matrix values", expected: 4, actual: 3)) {
      try FeatureMatrix(values: [1, 2, 3], rows: 2, columnNames: ["a", "b"])
    }
  }

  @Test func anEmptyTableGivesAnEmptyMatrix() throws {
    let t = Table(columns: [Column(name: "a", data: .decimal([]))])
    let m = try FeatureMatrix(table: t, columns: ["a"])
    #expect(m.isEmpty && m.rows == 0)
  }

  @Test func filteringSelectingAndTableRoundTrip() throws {
    let m = try FeatureMatrix(table: table, columns: ["recency", "monetary"])
    #expect(m.filtered([true, false, true]).values == [3, 120.5, 200, 15])
    #expect(try m.selecting(columns: ["monetary"]).values == [120.5, 80, 15])
    let back = try FeatureMatrix(table: m.table(), columns: ["recency", "monetary"])
    #expect(back == m)
  }
}

@Suite struct TableFeatureMatrixTests {
  @Test func scaledFeaturesReplaceTheirColumnsInPlace() throws {
    let table = Table(columns: [
      Column(name: "id", data: .integer([1, 2, 3])),
      Column(name: "monetary", data: .decimal([1, 2, 3])),
    ])
    let m = try FeatureMatrix(table: table, columns: ["monetary"]).scaled(.minMax).matrix
    let out = table.settingColumns(from: m)
    #expect(out.columnNames == ["id", "monetary"])
    #expect(out["monetary"]?.data == .decimal([0, 0.5, 1]))
    #expect(out["id"] == table["id"])
  }
}
