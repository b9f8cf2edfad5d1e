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
/// bits and are packed into 32 bits: the customer's other bits (up to 16)
/// and the product (below 65,535). A shard is sorted and made unique whenever it grows by a
/// quarter since its last compaction, and its buffer is sized for exactly that growth, so it
/// never takes more than 5 bytes a distinct pair (a hash set takes about as much, at the load
/// factors that keep it fast). Pairs that do not pack go to a hash set and are counted as they
/// come: ``append(_:_:)`` says so.
struct PairLog: Sendable {
  static let shardBits = 6
  private static let shardMask = UInt32(1 << shardBits - 1)
  private var shards: [[UInt32]] = Array(repeating: [], count: 1 << PairLog.shardBits)
  /// Each shard's length after its last compaction (its first part is sorted and unique).
  private var compacted = [Int](repeating: 0, count: 1 << PairLog.shardBits)
  private var overflow = KeySet64()

  /// Adds a pair. Returns `nil` when the pair is logged (counted by ``countDistinct(_:)``), or,
  /// for a pair too large to pack, whether it is new.
  @inline(__always)
  mutating func append(_ customer: UInt32, _ product: UInt32) -> Bool? {
    let high = customer >> UInt32(PairLog.shardBits)
    guard high < 1 << 16 && product < 0xFFFF else {
      return overflow.insert(UInt64(customer) << 32 | UInt64(product))
    }
    let shard = Int(customer & PairLog.shardMask)
    shards[shard].append(high << 16 | product)
    if shards[shard].count >= PairLog.limit(after: compacted[shard]) { compact(shard) }
    return nil
  }

  /// The length at which a shard compacted to `n` pairs is compacted again.
  @inline(__always) private static func limit(after n: Int) -> Int { max(n + n / 4, 1 << 12) }

  private mutating func compact(_ shard: Int) {
    var keys: [UInt32] = []
    swap(&keys, &shards[shard])
    PairLog.sortUnique(&keys)
    let n = keys.count
    // A buffer of exactly the length of the next compaction: growth never doubles it.
    var sized: [UInt32] = []
    sized.reserveCapacity(PairLog.limit(after: n))
    sized.append(contentsOf: keys)
    shards[shard] = sized
    compacted[shard] = n
  }

  /// Calls `body(customer)` once for each distinct logged pair, and empties the log.
  mutating func countDistinct(_ body: (Int) -> Void) {
    for shard in shards.indices {
      var keys: [UInt32] = []
      swap(&keys, &shards[shard])
      compacted[shard] = 0
      PairLog.sortUnique(&keys)
      for key in keys { body(Int(key >> 16) << PairLog.shardBits | shard) }
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
