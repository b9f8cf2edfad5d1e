import SegCore

/// Small seeded data sets for property and edge-case tests.
enum TestData {
  /// `rows × cols` values from a seeded mixture of `groups` Gaussian-ish blobs.
  static func blobs(seed: Int, rows: Int, cols: Int, groups: Int = 3) -> FeatureMatrix {
    var g = SeededGenerator(seed: UInt64(seed))
    var centres = [Double]()
    for _ in 0..<(groups * cols) { centres.append(g.nextUnitDouble() * 20 - 10) }
    var values = [Double]()
    for _ in 0..<rows {
      let c = g.nextInt(below: groups)
      for f in 0..<cols {
        // Sum of uniforms: roughly normal, bounded.
        let noise = (0..<4).reduce(0.0) { s, _ in s + g.nextUnitDouble() } - 2
        values.append(centres[c * cols + f] + noise * 1.5)
      }
    }
    // swiftlint:disable:next force_try
    return try! FeatureMatrix(values: values, rows: rows, columnNames: (0..<cols).map { "x\($0)" })
  }

  static func matrix(_ rows: [[Double]], names: [String]? = nil) throws -> FeatureMatrix {
    let cols = rows.first?.count ?? (names?.count ?? 1)
    return try FeatureMatrix(
      values: rows.flatMap { $0 }, rows: rows.count,
      columnNames: names ?? (0..<cols).map { "x\($0)" })
  }
}
