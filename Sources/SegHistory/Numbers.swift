/// Small numeric helpers shared by the history types.
enum Numbers {
  /// Whether two doubles are equal, NaN counting as equal to NaN.
  static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN)
  }

  /// Whether two arrays have the same length and pairwise ``same(_:_:)`` values.
  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
  }

  /// The Euclidean distance between `a[aStart..<aStart+d]` and `b[bStart..<bStart+d]`, summed
  /// in index order.
  static func distance(_ a: [Double], _ aStart: Int, _ b: [Double], _ bStart: Int, _ d: Int)
    -> Double
  {
    var sum = 0.0
    for j in 0..<d {
      let diff = a[aStart + j] - b[bStart + j]
      sum += diff * diff
    }
    return sum.squareRoot()
  }
}
