import SegTestSupport
import Testing

@testable import SegLang

@Suite struct ValidatorTests {
  @Test func unknownOptionSuggestsTheNearest() throws {
    let d = try #require(expectDiagnostic("head 5 1️⃣tabel2️⃣=customers", .unknownOption))
    #expect(d.fixIt?.replacement == "table")
  }

  @Test func invalidChoiceSuggestsTheNearest() throws {
    let d = try #require(expectDiagnostic("show format=1️⃣jsno2️⃣", .invalidChoice))
    #expect(d.fixIt?.replacement == "json")
  }

  @Test func literalTypesAreChecked() {
    expectDiagnostic("head 1️⃣2.52️⃣", .typeMismatch, message: "'head' n expects a whole number, got 2.5 (a number)")
    expectDiagnostic("assert true, msg=1️⃣42️⃣", .typeMismatch)
  }

  @Test func aBareNameWhereAStringBelongsSuggestsQuotes() throws {
    let d = try #require(expectDiagnostic("assert true, msg=1️⃣oops2️⃣", .typeMismatch))
    #expect(d.fixIt?.replacement == "\"oops\"")
  }

  @Test func tooManyPositionals() {
    expectDiagnostic("head 1 1️⃣22️⃣", .extraArgument)
  }

  @Test func missingCondition() {
    expectDiagnostic("1️⃣filter2️⃣", .missingExpression)
  }

  @Test func duplicateOption() {
    expectDiagnostic("head format=csv 1️⃣format2️⃣=json", .duplicateOption)
  }

  @Test func variablesMustBeDefinedBeforeUse() throws {
    let d = try #require(expectDiagnostic("set seed = 1\necho 1️⃣$sed2️⃣", .unknownVariable))
    #expect(d.fixIt?.replacement == "$seed")
    #expect(compile("param k: int = 4\necho $k").diagnostics.isEmpty)
    #expect(compile("echo $rows").diagnostics.isEmpty)
  }

  @Test func unknownFunctionAndWrongArity() throws {
    let d = try #require(expectDiagnostic("echo (1️⃣meen2️⃣(monetary))", .unknownFunction))
    #expect(d.fixIt?.replacement == "mean")
    expectDiagnostic("echo 1️⃣share()2️⃣", .argumentCount)
  }

  @Test func parametersAreDeclaredOnceWithDefaultsOfTheirType() {
    expectDiagnostic("param k: int = 4\nparam 1️⃣k2️⃣: int = 5", .duplicateParameter)
    expectDiagnostic("param k: int = 1️⃣\"four\"2️⃣", .typeMismatch)
    expectDiagnostic("param d: date = 1️⃣32️⃣", .typeMismatch)
  }

  @Test func settingsAreTypeChecked() {
    expectDiagnostic("set seed = 1️⃣-12️⃣", .invalidValue)
    expectDiagnostic("set asof = 1️⃣\"soon\"2️⃣", .typeMismatch)
    expectDiagnostic("set 1️⃣rows2️⃣ = 3", .readOnlyVariable)
  }
}
