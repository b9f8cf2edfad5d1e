import SegCore
import Testing

/// `SharedPointer` (internal) is `@unchecked Sendable` under the rule "workers of one
/// `RowChunks.forEach` write disjoint rows". `KMeans.assign` on 100,003 rows writes its labels that
/// way from many chunks at once; every label must equal a serial nearest-centroid loop.
@Suite struct SharedPointerTests {
  @Test func parallelChunkWritesLandOnEveryRowExactlyAsASerialLoop() throws {
    let m = TestData.blobs(seed: 11, rows: 100_003, cols: 2, groups: 4)
    let centroids: [Double] = [-5, -5, 0, 0, 5, 5, 8, -3]
    let (labels, inertia) = try KMeans.assign(m, centroids: centroids)
    var serialInertia = 0.0
    var mismatches = 0
    for i in 0..<m.rows {
      var best = 0
      var bestDistance = Double.infinity
      for j in 0..<4 {
        let dx = m[i, 0] - centroids[j * 2]
        let dy = m[i, 1] - centroids[j * 2 + 1]
        let d = dx * dx + dy * dy
        if d < bestDistance {
          bestDistance = d
          best = j
        }
      }
      serialInertia += bestDistance
      if labels[i] != best { mismatches += 1 }
    }
    #expect(labels.count == m.rows)
    #expect(mismatches == 0)
    #expect(close(inertia, serialInertia, rel: 1e-12))
  }
}
