import Testing

@testable import SegCore

/// The loader's interning table against a Swift dictionary.
@Suite struct ByteStringPoolTests {
  /// Random byte strings with many repeats; with `offsetBits` 8 the stored end offsets wrap
  /// every 256 bytes, as they do every 4 GiB in a real pool.
  @Test(arguments: [32, 8])
  func internsLikeADictionary(offsetBits: Int) {
    var rng = SeededGenerator(seed: UInt64(offsetBits))
    var pool = ByteStringPool(capacity: 16, offsetBits: offsetBits)
    var oracle: [[UInt8]: UInt32] = [:]
    var order: [[UInt8]] = []
    for _ in 0..<20_000 {
      let length = Int.random(in: 1...40, using: &rng)
      let alphabet = Int.random(in: 0..<3, using: &rng) == 0 ? 26 : 3
      let bytes = (0..<length).map { _ in UInt8(97 + Int.random(in: 0..<alphabet, using: &rng)) }
      let expected = oracle[bytes] ?? UInt32(order.count)
      if oracle[bytes] == nil {
        oracle[bytes] = expected
        order.append(bytes)
      }
      #expect(pool.intern(bytes) == expected)
    }
    #expect(pool.count == order.count)
    for (k, bytes) in order.enumerated() {
      #expect(Array(pool.bytes(of: k)) == bytes)
      let found = bytes.withUnsafeBufferPointer { b in
        b.baseAddress.flatMap { pool.find($0, b.count) }
      }
      #expect(found == UInt32(k))
    }
    let absent: [UInt8] = Array("not in the pool at all".utf8)
    #expect(
      absent.withUnsafeBufferPointer { b in b.baseAddress.flatMap { pool.find($0, b.count) } }
        == nil)
  }

  /// Interning a whole pool (the batched path the loader merges pieces with) gives the codes that
  /// interning its entries one by one gives, new entries included, across table growth.
  @Test func internsAPoolLikeItsEntriesOneByOne() {
    var rng = SeededGenerator(seed: 4)
    var batched = ByteStringPool()
    var single = ByteStringPool()
    for round in 0..<30 {
      var piece = ByteStringPool(capacity: 16)
      for _ in 0..<Int.random(in: 0...700, using: &rng) {
        _ = piece.intern(Array(String(Int.random(in: 0..<(round * 400 + 500), using: &rng)).utf8))
      }
      let codes = batched.intern(contentsOf: piece)
      let expected = (0..<piece.count).map { single.intern(Array(piece.bytes(of: $0))) }
      #expect(codes == expected, "round \(round)")
    }
    #expect(batched.count == single.count && batched.count > 4000)
  }
}
