/// An open-addressing map from Int64 keys to dense indices in order of first insertion.
struct DenseIndex {
  private var keys: [Int64]
  private var values: [Int32]
  private var mask: Int
  /// The keys in order of their index.
  private(set) var ordered: [Int64] = []

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
  }

  var count: Int { ordered.count }

  @inline(__always) private static func hash(_ k: Int64) -> Int {
    var h = UInt64(bitPattern: k) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 32
    return Int(truncatingIfNeeded: h)
  }

  /// The index of `key`, adding it when new.
  @inline(__always)
  mutating func index(of key: Int64) -> Int {
    var s = DenseIndex.hash(key) & mask
    while values[s] >= 0 {
      if keys[s] == key { return Int(values[s]) }
      s = (s + 1) & mask
    }
    let index = ordered.count
    keys[s] = key
    values[s] = Int32(index)
    ordered.append(key)
    if ordered.count * 2 > mask { grow() }
    return index
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
    for (i, k) in ordered.enumerated() {
      var s = DenseIndex.hash(k) & mask
      while values[s] >= 0 { s = (s + 1) & mask }
      keys[s] = k
      values[s] = Int32(i)
    }
  }
}

/// An insert-only open-addressing set of 64-bit keys; `UInt64.max` is reserved.
struct KeySet64 {
  private var slots = [UInt64](repeating: UInt64.max, count: 16)
  private(set) var count = 0

  @inline(__always) private static func hash(_ k: UInt64) -> Int {
    var h = k &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: h ^ (h >> 32))
  }

  /// Inserts `key` and returns whether it was new.
  mutating func insert(_ key: UInt64) -> Bool {
    let mask = slots.count - 1
    var s = KeySet64.hash(key) & mask
    while slots[s] != UInt64.max {
      if slots[s] == key { return false }
      s = (s + 1) & mask
    }
    slots[s] = key
    count += 1
    if count * 5 > slots.count * 4 {
      let old = slots
      slots = [UInt64](repeating: UInt64.max, count: old.count * 2)
      let mask = slots.count - 1
      for key in old where key != UInt64.max {
        var t = KeySet64.hash(key) & mask
        while slots[t] != UInt64.max { t = (t + 1) & mask }
        slots[t] = key
      }
    }
    return true
  }
}

/// The (customer, product) code pairs of purchase lines, for distinct counts per customer,
/// appended as they come and counted by sorting.
///
/// Appending is a sequential write, where a hash set of the pairs pays a cache miss a line once
/// it outgrows the cache (26M pairs at 50M rows). Pairs go to 64 shards by the customer's low 6
/// bits and are packed into 32 bits: the customer's other bits (up to 16) and the product (below
/// 65,535). Each shard keeps its distinct pairs sorted and delta-encoded (LEB128 varints: about
/// one byte a pair, since a customer's products lie close together), and appends new pairs to a
/// plain buffer; when the buffer reaches a quarter of the sorted count, it is sorted, made unique
/// and merged in. Pairs that do not pack go to a hash set and are counted as they come:
/// ``append(_:_:)`` says so.
struct PairLog: Sendable {
  static let shardBits = 6
  private static let shardMask = UInt32(1 << shardBits - 1)

  /// One shard: the distinct pairs merged so far, and the pairs appended since.
  struct Shard: Sendable {
    /// Sorted distinct keys as varint deltas (the first from 0).
    var packed: [UInt8] = []
    /// The number of keys in ``packed``.
    var count = 0
    /// Keys appended since the last merge, in any order, with repeats.
    var fresh: [UInt32] = []
  }

  private var shards = [Shard](repeating: Shard(), count: 1 << PairLog.shardBits)
  private var overflow = KeySet64()
  /// Where merges encode, reused from shard to shard.
  private var scratch: [UInt8] = []

  /// Adds a pair. Returns `nil` when the pair is logged (counted by ``countDistinct(_:)``), or,
  /// for a pair too large to pack, whether it is new.
  @inline(__always)
  mutating func append(_ customer: UInt32, _ product: UInt32) -> Bool? {
    let high = customer >> UInt32(PairLog.shardBits)
    guard high < 1 << 16 && product < 0xFFFF else {
      return overflow.insert(UInt64(customer) << 32 | UInt64(product))
    }
    let shard = Int(customer & PairLog.shardMask)
    shards[shard].fresh.append(high << 16 | product)
    if shards[shard].fresh.count >= max(shards[shard].count / 4, 1 << 12) { merge(shard) }
    return nil
  }

  /// Whether no pair is logged (none appended, or all counted already).
  var isEmpty: Bool { shards.allSatisfy { $0.fresh.isEmpty && $0.packed.isEmpty } }

  /// Sorts the shard's new keys and merges them into its packed keys.
  private mutating func merge(_ shard: Int) {
    var fresh: [UInt32] = []
    swap(&fresh, &shards[shard].fresh)
    PairLog.sortUnique(&fresh)
    var packed: [UInt8] = []
    swap(&packed, &shards[shard].packed)
    // At most five bytes a key.
    let bound = packed.count + 5 * fresh.count
    if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound + bound / 4) }
    var merged = 0
    let length = packed.withUnsafeBufferPointer { old in
      fresh.withUnsafeBufferPointer { new in
        scratch.withUnsafeMutableBufferPointer { out -> Int in
          var reader = VarintReader(old)
          var writer = VarintWriter(out)
          var next = reader.next()
          var j = 0
          while let a = next {
            if j < new.count && new[j] <= a {
              if new[j] == a { next = reader.next() }
              writer.write(new[j])
              j += 1
            } else {
              writer.write(a)
              next = reader.next()
            }
            merged += 1
          }
          while j < new.count {
            writer.write(new[j])
            j += 1
            merged += 1
          }
          return writer.length
        }
      }
    }
    shards[shard].packed = Array(scratch[0..<length])
    shards[shard].count = merged
    fresh.removeAll(keepingCapacity: true)
    shards[shard].fresh = fresh
  }

  /// Calls `body(customer)` once for each distinct logged pair, and empties the log.
  mutating func countDistinct(_ body: (Int) -> Void) {
    for shard in shards.indices {
      merge(shard)
      shards[shard].packed.withUnsafeBufferPointer { packed in
        var reader = VarintReader(packed)
        while let key = reader.next() { body(Int(key >> 16) << PairLog.shardBits | shard) }
      }
      shards[shard] = Shard()
    }
    scratch = []
  }

  /// Reads the deltas of sorted keys.
  private struct VarintReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var key: UInt32 = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    mutating func next() -> UInt32? {
      guard position < bytes.count else { return nil }
      var delta: UInt32 = 0
      var shift: UInt32 = 0
      while true {
        let b = bytes[position]
        position += 1
        delta |= UInt32(b & 0x7F) << shift
        if b < 0x80 { break }
        shift += 7
      }
      key &+= delta
      return key
    }
  }

  /// Writes sorted keys as deltas.
  private struct VarintWriter {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    var length = 0
    var key: UInt32 = 0

    init(_ bytes: UnsafeMutableBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    mutating func write(_ next: UInt32) {
      var delta = next &- key
      key = next
      while delta >= 0x80 {
        bytes[length] = UInt8(truncatingIfNeeded: delta) | 0x80
        length += 1
        delta >>= 7
      }
      bytes[length] = UInt8(delta)
      length += 1
    }
  }

  /// Sorts `keys` (three 11-bit radix passes, insertion sort when short) and removes repeats.
  static func sortUnique(_ keys: inout [UInt32]) {
    let n = keys.count
    guard n > 1 else { return }
    if n < 256 {
      keys.withUnsafeMutableBufferPointer { a in
        for i in 1..<n {
          let x = a[i]
          var j = i
          while j > 0 && a[j - 1] > x {
            a[j] = a[j - 1]
            j -= 1
          }
          a[j] = x
        }
      }
    } else {
      radixSort(&keys)
    }
    var out = 1
    keys.withUnsafeMutableBufferPointer { a in
      for i in 1..<n where a[i] != a[out - 1] {
        a[out] = a[i]
        out += 1
      }
    }
    keys.removeLast(n - out)
  }

  /// Least significant digit first, 11 bits a pass: three passes cover 32 bits, and the counts
  /// (2,048 of them) stay in the first-level cache.
  private static func radixSort(_ keys: inout [UInt32]) {
    let n = keys.count
    var scratch = [UInt32](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 1 << 11)
    keys.withUnsafeMutableBufferPointer { a in
      scratch.withUnsafeMutableBufferPointer { b in
        counts.withUnsafeMutableBufferPointer { count in
          for pass in 0..<3 {
            let shift = UInt32(11 * pass)
            let (from, to) = pass % 2 == 0 ? (a, b) : (b, a)
            for i in 0..<count.count { count[i] = 0 }
            for k in from { count[Int((k >> shift) & 0x7FF)] += 1 }
            var sum = 0
            for i in 0..<count.count {
              let c = count[i]
              count[i] = sum
              sum += c
            }
            for k in from {
              let d = Int((k >> shift) & 0x7FF)
              to[count[d]] = k
              count[d] += 1
            }
          }
          // Three passes end in the scratch buffer.
          for i in 0..<n { a[i] = b[i] }
        }
      }
    }
  }
}
