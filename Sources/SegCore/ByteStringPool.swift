/// An interning table of byte strings: each distinct byte sequence gets a dense code, in order
/// of first appearance. Text columns are built from it so that loading never makes one Swift
/// `String` per row.
struct ByteStringPool: Sendable {
  /// The bytes of all entries, back to back.
  private(set) var storage: [UInt8] = []
  /// The low 32 bits of where entry `k` ends in `storage` (it starts where entry `k - 1` ends,
  /// or at 0): four bytes an entry, where a log's invoice numbers take about seven.
  private var ends: [UInt32] = []
  /// The entries whose end passed another multiple of 4 GiB, in order (``end(_:)`` adds them);
  /// empty below 4 GiB of text.
  private var wraps: [Int] = []
  /// The bits of an offset that ``ends`` keeps: 32, or fewer for tests of the wraps.
  private let offsetBits: Int
  /// Open addressing, at most three quarters full: a large dictionary (a log's invoice numbers)
  /// is mostly this table.
  private var slots: [UInt64]
  private var mask: Int

  init(capacity: Int = 64) {
    self.init(capacity: capacity, offsetBits: 32)
  }

  /// A pool that keeps `offsetBits` bits of each end offset (entries must be shorter than
  /// `1 << offsetBits` bytes).
  init(capacity: Int, offsetBits: Int) {
    self.offsetBits = offsetBits
    var size = 16
    while size * 3 < capacity * 4 { size <<= 1 }
    slots = Array(repeating: ByteStringPool.emptySlot, count: size)
    mask = size - 1
  }

  static let emptySlot = UInt64.max

  /// The number of distinct entries.
  var count: Int { ends.count }

  /// The byte range of entry `k` in ``storage``.
  @inline(__always)
  func range(of k: Int) -> Range<Int> { (k == 0 ? 0 : end(k - 1))..<end(k) }

  /// Where entry `k` ends in `storage`.
  @inline(__always)
  private func end(_ k: Int) -> Int {
    let low = Int(ends[k])
    if wraps.isEmpty { return low }
    var high = 0
    for w in wraps where w <= k { high += 1 }
    return low + high << offsetBits
  }

  /// The bytes of entry `k`.
  func bytes(of k: Int) -> ArraySlice<UInt8> { storage[range(of: k)] }

  /// A fast 64-bit hash of a byte string (multiply-xorshift over 8-byte words; short strings
  /// are read with two overlapping loads instead of byte by byte).
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: n) &* 0xFF51_AFD7_ED55_8CCD)
    let raw = UnsafeRawPointer(p)
    if n >= 8 {
      var i = 0
      while i + 8 <= n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        i += 8
      }
      if i < n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
      }
    } else if n >= 4 {
      let a = UInt64(raw.loadUnaligned(as: UInt32.self))
      let b = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
      h = (h ^ (a << 32 | b)) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    } else if n > 0 {
      let w = UInt64(p[0]) << 16 | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1])
      h = (h ^ w) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    }
    h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return h ^ (h >> 32)
  }

  /// Whether `n` bytes at `a` and `b` are equal, inline for short strings.
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let x = UnsafeRawPointer(a)
    let y = UnsafeRawPointer(b)
    if n >= 8 {
      var i = 0
      while i + 8 <= n {
        if x.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          != y.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        {
          return false
        }
        i += 8
      }
      return i == n
        || x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
          == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
    if n >= 4 {
      return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
        && x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
          == y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
    }
    var i = 0
    while i < n {
      if a[i] != b[i] { return false }
      i += 1
    }
    return true
  }

  /// The code of the given bytes, if they are an entry.
  ///
  /// A slot holds the entry's code and 32 bits of its hash, so most probes of other entries end
  /// without touching the entry's bytes.
  @inline(__always)
  func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
    find(p, n, hash: ByteStringPool.hash(p, n))
  }

  @inline(__always)
  private func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> UInt32? {
    let tag = UInt64(h >> 32) << 32
    let small = wraps.isEmpty
    let lowMask = UInt32(truncatingIfNeeded: (1 << offsetBits) - 1)
    return slots.withUnsafeBufferPointer { table in
      storage.withUnsafeBufferPointer { bytes in
        ends.withUnsafeBufferPointer { ends in
          var s = Int(truncatingIfNeeded: h) & mask
          while true {
            let slot = table[s]
            if slot == ByteStringPool.emptySlot { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
              let e = Int(slot & 0xFFFF_FFFF)
              let lowerBits = e == 0 ? 0 : ends[e - 1]
              // Lengths are below 4 GiB, so the low bits give them exactly.
              if Int((ends[e] &- lowerBits) & lowMask) == n, let base = bytes.baseAddress {
                let lower = small ? Int(lowerBits) : (e == 0 ? 0 : end(e - 1))
                if ByteStringPool.equal(base + lower, p, n) { return UInt32(e) }
              }
            }
            s = (s + 1) & mask
          }
        }
      }
    }
  }

  /// Returns the code of the given bytes, adding them when new.
  @inline(__always)
  mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    intern(p, n, hash: ByteStringPool.hash(p, n))
  }

  @inline(__always)
  private mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> UInt32 {
    if let found = find(p, n, hash: h) { return found }
    var s = Int(truncatingIfNeeded: h) & mask
    while slots[s] != ByteStringPool.emptySlot { s = (s + 1) & mask }
    let code = ends.count
    let before = storage.count
    storage.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    if storage.count >> offsetBits != before >> offsetBits { wraps.append(code) }
    ends.append(UInt32(truncatingIfNeeded: storage.count & ((1 << offsetBits) - 1)))
    slots[s] = UInt64(h >> 32) << 32 | UInt64(code)
    if ends.count * 4 > (mask + 1) * 3 { grow() }
    return UInt32(code)
  }

  /// The codes of every entry of `other`, adding those that are new, in `other`'s order (as
  /// interning them one by one would).
  ///
  /// A large pool (a log's invoice numbers) misses the cache on nearly every slot it probes, and
  /// one probe at a time waits for each miss in turn. So the slots of a batch of entries are read
  /// first, all at once, letting the processor fetch them side by side, and then interned.
  mutating func intern(contentsOf other: ByteStringPool) -> [UInt32] {
    var codes = [UInt32](repeating: 0, count: other.count)
    other.storage.withUnsafeBufferPointer { storage in
      // Only empty strings can live in an empty storage; a pool never holds them.
      guard let base = storage.baseAddress else { return }
      let batch = 16
      var hashes = [UInt64](repeating: 0, count: batch)
      var start = 0
      while start < other.count {
        let end = min(start + batch, other.count)
        var touched: UInt64 = 0
        for k in start..<end {
          let r = other.range(of: k)
          let h = ByteStringPool.hash(base + r.lowerBound, r.count)
          hashes[k - start] = h
          touched ^= slots[Int(truncatingIfNeeded: h) & mask]
        }
        // Keeps the reads above from being optimized away.
        peeked ^= touched
        for k in start..<end {
          let r = other.range(of: k)
          codes[k] = intern(base + r.lowerBound, r.count, hash: hashes[k - start])
        }
        start = end
      }
    }
    return codes
  }

  /// Whatever the batch reads of ``intern(contentsOf:)`` found (never used otherwise).
  private var peeked: UInt64 = 0

  /// Interns a byte array.
  mutating func intern(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buf in
      if let base = buf.baseAddress { return intern(base, buf.count) }
      var zero: UInt8 = 0
      return intern(&zero, 0)
    }
  }

  /// Doubles the table, hashing the entries again (keeping their hashes would cost 8 bytes an
  /// entry for good).
  private mutating func grow() {
    let size = (mask + 1) * 2
    var newSlots = [UInt64](repeating: ByteStringPool.emptySlot, count: size)
    let newMask = size - 1
    let emptyHash = withUnsafePointer(to: UInt8(0)) { ByteStringPool.hash($0, 0) }
    storage.withUnsafeBufferPointer { bytes in
      for e in 0..<ends.count {
        let r = range(of: e)
        let h =
          bytes.baseAddress.map { ByteStringPool.hash($0 + r.lowerBound, r.count) } ?? emptyHash
        var s = Int(truncatingIfNeeded: h) & newMask
        while newSlots[s] != ByteStringPool.emptySlot { s = (s + 1) & newMask }
        newSlots[s] = UInt64(h >> 32) << 32 | UInt64(e)
      }
    }
    slots = newSlots
    mask = newMask
  }

  /// Whether every byte of every entry is ASCII.
  var isASCII: Bool { storage.allSatisfy { $0 < 0x80 } }
}
