internal import SegCore

/// A seeded, order-preserving sample of row indices: which points a chart draws when there are
/// more than it may.
enum PointSample {
  /// `count` distinct indices from `0..<n`, ascending, chosen uniformly by a partial
  /// Fisher–Yates shuffle driven by `SeededGenerator(seed:)`; all of them when `count >= n`.
  static func indices(count: Int, of n: Int, seed: UInt64) -> [Int] {
    guard count < n else { return Array(0..<max(0, n)) }
    guard count > 0 else { return [] }
    var generator = SeededGenerator(seed: seed)
    var pool = Array(0..<n)
    for i in 0..<count {
      let j = i + generator.nextInt(below: n - i)
      pool.swapAt(i, j)
    }
    return pool[0..<count].sorted()
  }
}
