/// A fast, seedable random number generator (xoshiro256**), the only source of randomness in seg.
///
/// The same seed gives the same sequence on every platform and build, which is what makes a
/// script's output reproducible byte for byte. Seeding expands the 64-bit seed with SplitMix64,
/// as the xoshiro authors recommend.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// The seed scripts use when they set none.
  public static let defaultSeed: UInt64 = 42

  public init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits, identical across platforms (unlike
  /// `Double.random(in:using:)`, whose algorithm the standard library may change).
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound`, by Lemire's unbiased method, identical across platforms.
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  /// A derived generator for parallel task `index`, so that task results do not depend on
  /// scheduling: task i always draws from the same stream.
  public func forked(task index: Int) -> SeededGenerator {
    var copy = self
    let a = copy.next()
    return SeededGenerator(seed: a ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
  }
}
