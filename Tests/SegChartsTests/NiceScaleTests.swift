import Testing

@testable import SegCharts

@Suite struct NiceScaleTests {
  @Test(arguments: [
    (0.0, 97.0, [0.0, 20, 40, 60, 80, 100]),
    (0.13, 0.87, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (-3.2, 7.9, [-5.0, 0, 5, 10]),
    (1_234.0, 98_765.0, [0.0, 20_000, 40_000, 60_000, 80_000, 100_000]),
    (0.0, 0.3, [0.0, 0.1, 0.2, 0.3]),
  ])
  func ticksLandOnNiceNumbers(minimum: Double, maximum: Double, expected: [Double]) {
    #expect(NiceScale(minimum: minimum, maximum: maximum).ticks == expected)
  }

  @Test func ticksArePrintedExactlyWithoutFloatingPointNoise() {
    let ticks = NiceScale(minimum: 0, maximum: 0.7, maxTicks: 8).ticks
    #expect(ticks.contains(0.3))
    #expect(
      ticks.map { ValueFormat.automatic.tick($0, step: 0.1) } == [
        "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7",
      ])
  }

  @Test(
    arguments: [
      (0.0, 0.0), (5.0, 5.0), (-2.0, -2.0), (Double.nan, Double.nan), (Double.infinity, 3.0),
    ] as [(Double, Double)])
  func degenerateRangesStillGiveAnIncreasingAxis(minimum: Double, maximum: Double) {
    let s = NiceScale(minimum: minimum, maximum: maximum)
    let t = s.ticks
    #expect(t.count >= 2)
    #expect(zip(t, t.dropFirst()).allSatisfy { $0 < $1 })
    #expect(s.lower.isFinite && s.upper.isFinite)
  }

  @Test func ticksCoverTheDataWithANiceStepForManyRanges() {
    var g = SeededRanges(seed: 11)
    for _ in 0..<500 {
      let (lo, hi) = g.next()
      let s = NiceScale(minimum: lo, maximum: hi, maxTicks: 6)
      #expect(s.lower <= lo && s.upper >= hi, "range \(lo)...\(hi)")
      let mantissa = s.step / NiceScale.pow10(NiceScale.floorLog10(s.step))
      #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(s.step)")
      #expect(s.ticks.count <= 12, "range \(lo)...\(hi) gives \(s.ticks.count) ticks")
    }
  }

  @Test func integerStepsNeverGoBelowOne() {
    let s = NiceScale(minimum: 2, maximum: 4, maxTicks: 10, integerSteps: true)
    #expect(s.step == 1)
    #expect(s.ticks == [2, 3, 4])
  }

  @Test func includeZeroStartsBarsAtZero() {
    #expect(NiceScale(minimum: 40, maximum: 97, includeZero: true).lower == 0)
    #expect(NiceScale(minimum: -40, maximum: -7, includeZero: true).upper == 0)
  }

  @Test func logScaleUsesDecadesAndAddsTwoAndFiveForShortSpans() {
    #expect(LogScale(minimum: 3, maximum: 45_000).ticks == [1, 10, 100, 1_000, 10_000, 100_000])
    #expect(LogScale(minimum: 20, maximum: 700).ticks == [10, 20, 50, 100, 200, 500, 1_000])
    #expect(LogScale(minimum: 100, maximum: 1_000).ticks == [100, 200, 500, 1_000])
  }

  @Test func floorLog10IsExactAtPowersOfTen() {
    for e in -6...15 {
      #expect(NiceScale.floorLog10(NiceScale.pow10(e)) == e)
      #expect(NiceScale.floorLog10(NiceScale.pow10(e) * 0.999) == e - 1)
    }
  }

  @Test func dateTicksFallOnTheFirstOfTheMonth() {
    let start = Double(CivilDate(year: 2010, month: 12, day: 1).daysSinceEpoch)
    let end = Double(CivilDate(year: 2011, month: 12, day: 9).daysSinceEpoch)
    let s = DateScale(minimum: start, maximum: end, maxTicks: 6)
    let labels = s.ticks.map { ValueFormat.date.format($0) }
    #expect(
      labels == [
        "2010-10-01", "2011-01-01", "2011-04-01", "2011-07-01", "2011-10-01", "2012-01-01",
      ])
  }

  @Test func shortDateSpansTickInDays() {
    let start = Double(CivilDate(year: 2011, month: 12, day: 1).daysSinceEpoch)
    let s = DateScale(minimum: start, maximum: start + 9, maxTicks: 6)
    #expect(s.ticks.count >= 2)
    #expect(zip(s.ticks, s.ticks.dropFirst()).allSatisfy { $1 - $0 == 2 })
  }

  @Test func civilDatesRoundTripAcrossLeapYears() {
    for day in stride(from: -800_000, through: 800_000, by: 997) {
      let d = CivilDate(daysSinceEpoch: day)
      #expect(d.daysSinceEpoch == day)
    }
    #expect(CivilDate(daysSinceEpoch: 0).iso == "1970-01-01")
    #expect(
      CivilDate(year: 2012, month: 2, day: 29).daysSinceEpoch + 1
        == CivilDate(year: 2012, month: 3, day: 1).daysSinceEpoch)
  }
}

/// Random axis ranges of mixed magnitude from a fixed seed.
struct SeededRanges {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func unit() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) * 0x1.0p-53
  }

  mutating func next() -> (Double, Double) {
    let magnitude = NiceScale.pow10(Int(unit() * 12) - 4)
    let a = (unit() * 2 - 1) * magnitude
    let b = a + unit() * magnitude * 3 + magnitude * 1e-6
    return (a, b)
  }
}
