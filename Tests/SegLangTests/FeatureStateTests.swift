import SegCore
import Testing

@testable import SegLang

/// `FeatureState` holds its rules itself: the matrix is given only for the table and rows it was
/// built from, a new table starts without another table's transform and scaler, a failed build
/// changes nothing, and filters keep the matrix in step.
@Suite struct FeatureStateTests {
  static func customers(_ monetary: [Double]) -> Table {
    let n = monetary.count
    return Table(columns: [
      Column(name: "recency", data: .decimal((0..<n).map { Double($0 * 3 + 1) })),
      Column(name: "frequency", data: .decimal((0..<n).map { Double($0 % 4 + 1) })),
      Column(name: "monetary", data: .decimal(monetary)),
    ])
  }

  @Test func theMatrixIsGivenOnlyForItsTableAndRows() throws {
    let table = Self.customers([10, 20, 30, 45, 80])
    var state = FeatureState()
    #expect(state.matrix(of: "customers", rows: 5) == nil)
    state.setTransform(.log1p, columns: ["monetary"])
    let built = try state.build(table, named: "customers", scaling: .standard)
    #expect(state.matrix(of: "customers", rows: 5) == built)
    #expect(state.matrix(of: "customers", rows: 4) == nil)
    #expect(state.matrix(of: "outliers", rows: 5) == nil)
    #expect(state.scaler?.columnNames == FeatureState.defaultColumns)
  }

  @Test func aNewTableStartsFromTheColumnsAlone() throws {
    let table = Self.customers([10, 20, 30, 45, 80])
    var state = FeatureState()
    state.select(columns: ["frequency", "monetary"])
    state.setTransform(.log1p, columns: ["monetary"])
    try state.build(table, named: "customers", scaling: .standard)
    #expect(state.recipe(for: "customers") == state)
    let other = state.recipe(for: "shops")
    #expect(other.columns == ["frequency", "monetary"] && other.isExplicit)
    #expect(other.transform == nil && other.scaler == nil && other.matrix == nil)
    #expect(other.tableName == "shops")
  }

  @Test func aFailedBuildChangesNothing() throws {
    let table = Self.customers([10, 20, 30, 45, 80])
    var state = FeatureState()
    try state.build(table, named: "customers", scaling: .standard)
    let before = state
    var broken = state
    broken.select(columns: ["recency", "no such column"])
    #expect(throws: AnalysisError.self) {
      try broken.build(table, named: "customers", scaling: .standard)
    }
    #expect(broken.matrix == nil && broken.scaler == nil)
    #expect(state == before)
  }

  @Test func selectingColumnsKeepsTheTransformOnTheChosenOnes() throws {
    var state = FeatureState()
    state.setTransform(.log1p, columns: ["frequency", "monetary"])
    try state.build(Self.customers([1, 2, 3]), named: "customers", scaling: .standard)
    state.select(columns: ["recency", "monetary"])
    #expect(state.transformColumns == ["monetary"] && state.transform == .log1p)
    #expect(state.matrix == nil && state.scaler == nil)
    state.select(columns: ["recency"])
    #expect(state.transform == nil)
  }

  @Test func filtersKeepTheMatrixInStep() throws {
    let table = Self.customers([10, 20, 30, 45, 80])
    var state = FeatureState()
    let built = try state.build(table, named: "customers", scaling: nil)
    state.keepRows([0, 2, 4], ofTable: "customers", total: 5)
    let kept = try #require(state.matrix(of: "customers", rows: 3))
    #expect(kept == built.gathering(rows: [0, 2, 4]))
    // Another table's filter, or a count that does not match, leaves it alone.
    state.keepRows([0], ofTable: "outliers", total: 3)
    state.keepRows([0], ofTable: "customers", total: 5)
    #expect(state.matrix(of: "customers", rows: 3) == kept)
  }
}
