@testable import SegCore
import Testing

/// `SharedPointer` is `@unchecked Sendable`; its safety rule is "disjoint writes inside one
/// `RowChunks.forEach`". This checks that every row is written exactly once and is visible after.
@Suite struct SharedPointerTests {
  @Test func parallelDisjointChunkWritesLandExactlyOnce() {
    let chunks = RowChunks(rows: 100_003, size: 1000)
    let hits = SharedPointer<Int>.allocate(chunks.rows, value: 0)
    defer { hits.deallocate() }
    chunks.forEach { c in
      for i in chunks.range(c) { hits[i] += i + 1 }
    }
    #expect((0..<chunks.rows).allSatisfy { hits[$0] == $0 + 1 })
    #expect(chunks.count == 101)
    #expect(chunks.range(100) == 100_000..<100_003)
  }
}
