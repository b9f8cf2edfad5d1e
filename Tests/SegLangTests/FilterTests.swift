import SegCore
import SegTestSupport
import Testing

@testable import SegLang

@Suite struct FilterTests {
  @Test func filterKeepsMatchingRowsAndPrintsTheAccounting() throws {
    let r = run("filter recency > 50 and frequency == 1")
    #expect(r.outcome == .completed)
    #expect(r.host.output == "filter recency > 50 and frequency == 1: kept 2 of 5 rows (40.0%), removed 3 (condition false)\n")
    #expect(r.workspace.table.rowCount == 2)
    #expect(r.workspace.tables["removed"]?.rowCount == 3)
    #expect(r.workspace.tableName == "customers")
  }

  @Test func rowsWithMissingValuesAreCountedSeparately() {
    let r = run("filter monetary > 1000")
    #expect(r.host.output == "filter monetary > 1000: kept 3 of 5 rows (60.0%), removed 2 (condition false: 1, missing values: 1)\n")
  }

  @Test func threeValuedLogicKeepsRowsWhereOrIsTrueDespiteMissing() {
    // Row 4 has no monetary value: unknown or true is true; unknown or false is unknown.
    let r = run("filter monetary > 100000 or frequency == 1")
    #expect(r.workspace.table.rowCount == 3)
    let r1 = run("filter monetary > 1000 or recency < 10")
    #expect(r1.host.output.hasSuffix("removed 2 (condition false: 1, missing values: 1)\n"))
    let r2 = run("filter not (monetary > 1000)")
    #expect(r2.workspace.table.rowCount == 1)
  }

  @Test func membershipInListsAndRanges() {
    #expect(run("filter Country in [\"Iceland\", \"Italy\"]").workspace.table.rowCount == 2)
    #expect(run("filter Country not in [\"Iceland\", \"Italy\"]").workspace.table.rowCount == 3)
    #expect(run("filter recency in 1..75").workspace.table.rowCount == 3)
    #expect(run("filter `Customer ID` in [12346, 12350]").workspace.table.rowCount == 2)
  }

  @Test func aggregatesCombineWithColumns() {
    let r = run("filter monetary > mean(monetary)")
    #expect(r.workspace.table.rowCount == 1)
  }

  @Test func arithmeticOnColumns() {
    #expect(run("filter monetary / frequency > 400").workspace.table.rowCount == 3)
    #expect(run("filter -recency < -100").workspace.table.rowCount == 2)
  }

  @Test func unknownColumnPointsAtTheNameInsideTheFilter() throws {
    let r = run("filter recncy > 90")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .unknownName)
    #expect(e.diagnostic.range == SourceRange(start: 7, end: 13))
    #expect(e.diagnostic.fixIt?.replacement == "recency")
    #expect(e.diagnostic.notes.first?.message == "the columns are `Customer ID`, recency, frequency, monetary, Country")
  }

  @Test func comparingADateColumnWithAStringExplainsDateLiterals() throws {
    var t = sampleTable()
    t.setColumn(Column(name: "first", data: .datetime([0, 86_400, 172_800, 259_200, 345_600])))
    let r = run("filter first > \"1970-01-02\"", table: t)
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .typeError)
    #expect(e.diagnostic.range == SourceRange(start: 13, end: 14))
    #expect(e.diagnostic.notes.first?.message == "write dates without quotes: 2011-12-09")
    #expect(run("filter first > 1970-01-02", table: t).workspace.table.rowCount == 3)
  }

  @Test func divisionByAZeroScalarIsAnErrorAtTheOperator() throws {
    let r = run("filter recency / 0 > 1")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .divisionByZero)
    #expect(e.diagnostic.range == SourceRange(start: 15, end: 16))
  }

  @Test func filterWithoutATableSaysSo() throws {
    let r = run("filter recency > 1", table: nil)
    #expect(stoppedError(r.outcome)?.diagnostic.id == .noTable)
  }

  @Test func aNonConditionIsATypeError() throws {
    let r = run("filter recency + 1")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .typeError)
    #expect(e.diagnostic.range == SourceRange(start: 7, end: 18))
  }

  @Test func aNameThatIsBothAColumnAndABuiltinIsAmbiguous() throws {
    var t = sampleTable()
    t.setColumn(Column(name: "rows", data: .integer([1, 2, 3, 4, 5])))
    let e = try #require(stoppedError(run("filter rows > 2", table: t).outcome))
    #expect(e.diagnostic.id == .ambiguousName)
    #expect(run("filter `rows` > 2", table: t).workspace.table.rowCount == 3)
  }

  @Test func specialFilterFormsClaimTheirConditionFirst() {
    var registry = CommandRegistry.standard
    registry.register(filterForms: [
      FilterFormSpec(
        syntax: "w<LIMIT", summary: "test form",
        claims: { condition, workspace in
          if case .binary(let b) = condition, case .name(let n) = b.left, n.name == "w",
            workspace.table.columnIndex(named: "w") == nil
          {
            return true
          }
          return false
        },
        run: { context, condition throws(RuntimeError) in
          let n = context.workspace.table.rowCount
          context.keepRows(
            (0..<n).map { $0 % 2 == 0 }, condition: Printer.print(condition), removedTableName: "outliers")
        })
    ])
    let r = run("filter w < 3", registry: registry)
    #expect(r.host.output == "filter w < 3: kept 3 of 5 rows (60.0%), removed 2 (condition false)\n")
    #expect(r.workspace.tables["outliers"]?.rowCount == 2)
  }

  @Test func pseudoColumnsAreFoundAfterRealColumns() {
    var registry = CommandRegistry.standard
    registry.register(pseudoColumns: [
      PseudoColumnSpec(name: "w", summary: "test") { workspace in
        Column(name: "w", data: .decimal((0..<workspace.table.rowCount).map(Double.init)))
      }
    ])
    #expect(run("filter w < 2", registry: registry).workspace.table.rowCount == 2)
  }
}

@Suite struct AssertTests {
  @Test func aPassingAssertionPrintsNothing() {
    let r = run("assert count() == 5\nassert recency > 0")
    #expect(r.outcome == .completed)
    #expect(r.host.output.isEmpty)
  }

  @Test func aFailingAssertionShowsTheExpressionItsValuesAndTheMessage() throws {
    let r = run("set k = 3\nassert $k == count(), msg=\"k must match\"")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.kind == .assertion)
    #expect(r.host.errors == """
      test.seg:2:8: error: assertion failed: k must match
      2 | assert $k == count(), msg="k must match"
        |        ^^^^^^^^^^^^^
      note: $k == count() is false
      note: $k = 3
      note: count() = 5

      """)
  }

  @Test func aColumnAssertionCountsTheFailingRows() throws {
    let e = try #require(stoppedError(run("assert recency < 300").outcome))
    #expect(e.diagnostic.notes.first?.message == "recency < 300 is false for 2 of 5 rows (first at row 1)")
  }
}

@Suite struct FunctionTests {
  func value(_ expression: String, table: Table? = sampleTable()) -> String {
    let r = run("echo (\(expression))", table: table)
    return r.host.output.trimmingSuffix()
  }

  @Test func aggregatesSkipMissingValues() {
    #expect(value("count()") == "5")
    #expect(value("count(frequency == 1)") == "3")
    #expect(value("share(frequency == 1)") == "0.6")
    #expect(value("min(recency)") == "2")
    #expect(value("max(recency)") == "326")
    #expect(value("sum(frequency)") == "14")
    #expect(value("mean(monetary)") == "20906.31")
    #expect(value("median(recency)") == "75")
    #expect(value("median(monetary)") == "3053.62")
    #expect(value("count(missing(monetary))") == "1")
  }

  @Test func aggregatesOverNoRowsAreMissing() {
    let empty = Table(columns: [Column(name: "x", data: .decimal([]))])
    #expect(value("mean(x)", table: empty) == "missing")
    #expect(value("share(x > 1)", table: empty) == "missing")
    #expect(value("count()", table: empty) == "0")
  }

  @Test func aColumnWhereOneValueBelongsIsAnError() throws {
    let e = try #require(stoppedError(run("echo recency").outcome))
    #expect(e.diagnostic.id == .notAScalar)
  }
}

extension String {
  func trimmingSuffix() -> String {
    var s = self
    while s.last == "\n" { s.removeLast() }
    return s
  }
}

/// Issue 16, item 15: a filter that removes every row says so and suggests the value meant.
@Suite struct EmptyingFilterTests {
  @Test func aFilterRemovingEveryRowWarnsAndSuggestsTheNearestValue() throws {
    let text = "filter Country == \"Italyy\""
    let r = run(text)
    #expect(r.outcome == .completed)
    #expect(r.workspace.table.rowCount == 0)
    let w = try #require(r.host.diagnostics.first)
    #expect(w.id == .filterRemovedEveryRow && w.severity == .warning)
    #expect(w.message == "filter removed every row: column 'Country' has no value \"Italyy\"")
    #expect(w.fixIt?.replacement == "\"Italy\"")
    #expect(w.range == SourceRange(start: 18, end: 26))
  }

  @Test func aValueInAListIsCheckedToo() throws {
    let r = run("filter recency > 0 and Country in [\"Iceland\", \"iceland\"] and recency < 0")
    let w = try #require(r.host.diagnostics.first)
    #expect(w.message == "filter removed every row: column 'Country' has no value \"iceland\"")
    #expect(w.fixIt?.replacement == "\"Iceland\"")
  }

  @Test func aFilterRemovingEveryRowForAnotherReasonStillWarns() throws {
    let r = run("filter recency > 100000")
    let w = try #require(r.host.diagnostics.first)
    #expect(w.id == .filterRemovedEveryRow)
    #expect(w.message == "filter removed every row: no row has recency > 100000")
    #expect(w.fixIt == nil)
  }

  @Test func aFilterKeepingRowsDoesNotWarn() {
    #expect(run("filter Country == \"Italy\"").host.diagnostics.isEmpty)
  }
}
