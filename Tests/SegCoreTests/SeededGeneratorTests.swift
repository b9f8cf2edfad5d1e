import SegCore
import Testing

@Suite struct SeededGeneratorTests {
  @Test func sameSeedGivesSameSequence() {
    var a = SeededGenerator(seed: 7)
    var b = SeededGenerator(seed: 7)
    for _ in 0..<1000 { #expect(a.next() == b.next()) }
  }

  @Test func differentSeedsDiffer() {
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 2)
    #expect((0..<8).map { _ in a.next() } != (0..<8).map { _ in b.next() })
  }

  @Test func sequenceIsPinned() {
    // Pinned so that a change to the generator, which would change every seeded output, is seen.
    var g = SeededGenerator(seed: 42)
    let first = (0..<3).map { _ in g.next() }
    #expect(first == SeededGeneratorTests.pinned)
  }

  /// From an independent Python transcription of xoshiro256** seeded by SplitMix64(42).
  static let pinned: [UInt64] = [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009]

  @Test func unitDoublesStayInRange() {
    var g = SeededGenerator(seed: 3)
    for _ in 0..<10_000 {
      let x = g.nextUnitDouble()
      #expect(x >= 0 && x < 1)
    }
  }

  @Test(arguments: [1, 2, 3, 10, 1000])
  func boundedIntsStayBelowBound(bound: Int) {
    var g = SeededGenerator(seed: 5)
    var seen = Set<Int>()
    for _ in 0..<5000 {
      let x = g.nextInt(below: bound)
      #expect(x >= 0 && x < bound)
      seen.insert(x)
    }
    #expect(seen.count == min(bound, 5000) || bound == 1000)
  }

  @Test func forkedStreamsAreDistinctAndStable() {
    let g = SeededGenerator(seed: 9)
    var f1 = g.forked(task: 1)
    var f1b = g.forked(task: 1)
    var f2 = g.forked(task: 2)
    let x = f1.next()
    #expect(x == f1b.next())
    #expect(x != f2.next())
  }
}
