/// An insert-only open-addressing set of (UInt32, UInt64) pairs: (customer, invoice) and
/// (customer, product) keys for distinct counts.
struct PairSet {
  private var firsts: [UInt32]
  private var seconds: [UInt64]
  private var used: [Bool]
  private var mask: Int
  private(set) var count = 0

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    firsts = Array(repeating: 0, count: size)
    seconds = Array(repeating: 0, count: size)
    used = Array(repeating: false, count: size)
    mask = size - 1
  }

  @inline(__always) private static func hash(_ a: UInt32, _ b: UInt64) -> Int {
    var h = (UInt64(a) &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    return Int(truncatingIfNeeded: h)
  }

  /// Inserts the pair and returns whether it was new.
  @inline(__always)
  mutating func insert(_ a: UInt32, _ b: UInt64) -> Bool {
    var s = PairSet.hash(a, b) & mask
    while used[s] {
      if firsts[s] == a && seconds[s] == b { return false }
      s = (s + 1) & mask
    }
    used[s] = true
    firsts[s] = a
    seconds[s] = b
    count += 1
    if count * 2 > mask { grow() }
    return true
  }

  private mutating func grow() {
    let oldFirsts = firsts
    let oldSeconds = seconds
    let oldUsed = used
    let size = (mask + 1) * 2
    firsts = Array(repeating: 0, count: size)
    seconds = Array(repeating: 0, count: size)
    used = Array(repeating: false, count: size)
    mask = size - 1
    for s in oldUsed.indices where oldUsed[s] {
      var t = PairSet.hash(oldFirsts[s], oldSeconds[s]) & mask
      while used[t] { t = (t + 1) & mask }
      used[t] = true
      firsts[t] = oldFirsts[s]
      seconds[t] = oldSeconds[s]
    }
  }
}

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

/// An insert-only set of (customer, product) code pairs, for distinct counts, packed into 32
/// bits a pair.
///
/// Pairs are split into 64 shards by the customer's low 6 bits, each an open-addressing table
/// that grows on its own, so that no growth ever holds two copies of the whole set. A shard
/// stores the customer's other bits (up to 16) and the product (below 65,535) in one `UInt32`,
/// which halves the memory of 64-bit keys: 26M pairs take about 130 MB. Pairs that do not fit
/// (more than 4M customers, or more than 65,534 products) go to a 64-bit overflow table; a pair
/// always goes to the same table, so counts stay exact.
struct PairKeySet {
  private static let shardBits = 6
  private static let shardMask = UInt32(1 << shardBits - 1)
  private var shards: [[UInt32]]
  private var counts: [Int]
  private var overflow = KeySet64()
  private(set) var count = 0

  init() {
    shards = Array(repeating: Array(repeating: UInt32.max, count: 64), count: 1 << PairKeySet.shardBits)
    counts = Array(repeating: 0, count: 1 << PairKeySet.shardBits)
  }

  @inline(__always) private static func hash(_ k: UInt32) -> Int {
    var h = UInt64(k) &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 32
    return Int(truncatingIfNeeded: h)
  }

  /// Inserts the pair and returns whether it was new. Neither code may be `UInt32.max`.
  @inline(__always)
  mutating func insert(_ customer: UInt32, _ product: UInt32) -> Bool {
    let high = customer >> UInt32(PairKeySet.shardBits)
    guard high < 1 << 16 && product < 0xFFFF else {
      guard overflow.insert(UInt64(customer) << 32 | UInt64(product)) else { return false }
      count += 1
      return true
    }
    let key = high << 16 | product
    let shard = Int(customer & PairKeySet.shardMask)
    let inserted = shards[shard].withUnsafeMutableBufferPointer { slots -> Bool in
      let mask = slots.count - 1
      var s = PairKeySet.hash(key) & mask
      while slots[s] != UInt32.max {
        if slots[s] == key { return false }
        s = (s + 1) & mask
      }
      slots[s] = key
      return true
    }
    guard inserted else { return false }
    count += 1
    counts[shard] += 1
    if counts[shard] * 5 > shards[shard].count * 4 { grow(shard) }
    return true
  }

  /// Reads the slot where the pair's probe starts, so that an insert soon after finds it in
  /// cache, and returns it (callers fold it into a value they keep, so the read stays).
  @inline(__always)
  func touch(_ customer: UInt32, _ product: UInt32) -> UInt32 {
    let high = customer >> UInt32(PairKeySet.shardBits)
    guard high < 1 << 16 && product < 0xFFFF else { return 0 }
    let key = high << 16 | product
    return shards[Int(customer & PairKeySet.shardMask)].withUnsafeBufferPointer { slots in
      slots[PairKeySet.hash(key) & (slots.count - 1)]
    }
  }

  private mutating func grow(_ shard: Int) {
    let old = shards[shard]
    var slots = [UInt32](repeating: UInt32.max, count: old.count * 2)
    let mask = slots.count - 1
    for key in old where key != UInt32.max {
      var s = PairKeySet.hash(key) & mask
      while slots[s] != UInt32.max { s = (s + 1) & mask }
      slots[s] = key
    }
    shards[shard] = slots
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
