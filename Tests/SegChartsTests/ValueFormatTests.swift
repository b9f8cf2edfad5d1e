import Testing

@testable import SegCharts

@Suite struct ValueFormatTests {
  @Test(arguments: [
    (ValueFormat.integer, 1_234_567.4, "1,234,567"),
    (.integer, -1_234.5, "-1,235"),
    (.integer, -0.4, "0"),
    (.pounds, 1_234.5, "£1,235"),
    (.pounds, 12.5, "£12.50"),
    (.pounds, -12.5, "-£12.50"),
    (.pounds, -0.001, "£0.00"),
    (.money(symbol: "€"), 1_000_000, "€1,000,000"),
    (.percent, 0.421, "42.1%"),
    (.percent, 1, "100.0%"),
    (.number(decimals: 2), 3.14159, "3.14"),
    (.number(decimals: 2), -0.001, "0.00"),
    (.automatic, 0.4213, "0.421"),
    (.automatic, 4.5, "4.50"),
    (.automatic, 45.25, "45.3"),
    (.automatic, 12_345.6, "12,346"),
    (.date, 15_317, "2011-12-09"),
    (.date, 15_317.9, "2011-12-09"),
    (.automatic, .nan, "–"),
    (.pounds, .nan, "–"),
    (.integer, .infinity, "∞"),
  ])
  func formatsWithoutTheLocale(format: ValueFormat, value: Double, expected: String) {
    #expect(format.format(value) == expected)
  }

  @Test func tickLabelsShareTheStepsDecimals() {
    #expect(
      [0, 0.5, 1].map { ValueFormat.automatic.tick($0, step: 0.5) } == ["0.0", "0.5", "1.0"])
    #expect(
      [0, 2_500, 5_000].map { ValueFormat.pounds.tick($0, step: 2_500) } == [
        "£0", "£2,500", "£5,000",
      ])
    #expect(ValueFormat.percent.tick(0.25, step: 0.05) == "25%")
    #expect(ValueFormat.percent.tick(0.125, step: 0.025) == "12.5%")
  }

  @Test func compactLabelsShortenLargeValues() {
    #expect(ValueFormat.pounds.compact(12_345) == "£12.3k")
    #expect(ValueFormat.pounds.compact(4_969_049) == "£5.0M")
    #expect(ValueFormat.integer.compact(-250_000) == "-250k")
    #expect(ValueFormat.pounds.compact(950) == "£950")
  }

  @Test func coordinatesHaveOneDecimalAndNoNegativeZero() {
    #expect(NumberText.coordinate(12.345) == "12.3")
    #expect(NumberText.coordinate(12.0) == "12")
    #expect(NumberText.coordinate(-0.04) == "0")
    #expect(NumberText.coordinate(-3.25) == "-3.3")
    #expect(NumberText.coordinate(.nan) == "0")
  }

  @Test func groupingSeparatesThousands() {
    #expect(NumberText.grouped(0) == "0")
    #expect(NumberText.grouped(999) == "999")
    #expect(NumberText.grouped(1_000) == "1,000")
    #expect(NumberText.grouped(123_456_789) == "123,456,789")
    #expect(NumberText.count(-1_500) == "-1,500")
    #expect(NumberText.count(1, "outlier") == "1 outlier")
    #expect(NumberText.count(2, "outlier") == "2 outliers")
  }

  @Test func decimalsForStepAreTheFewestThatPrintEveryMultiple() {
    #expect(NumberText.decimals(forStep: 20) == 0)
    #expect(NumberText.decimals(forStep: 0.5) == 1)
    #expect(NumberText.decimals(forStep: 0.25) == 2)
    #expect(NumberText.decimals(forStep: 0.05) == 2)
  }
}
