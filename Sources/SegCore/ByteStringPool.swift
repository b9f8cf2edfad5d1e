#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// An interning table of byte strings: each distinct byte sequence gets a dense code, in order
/// of first appearance. Text columns are built from it so that loading never makes one Swift
/// `String` per row.
struct ByteStringPool: Sendable {
  /// The bytes of all entries, back to back.
  private(set) var storage: [UInt8] = []
  /// `ends[k]` is where entry `k` ends in `storage`; it starts at `ends[k - 1]` (or 0).
  private(set) var ends: [Int] = []
  private var hashes: [UInt64] = []
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// The number of distinct entries.
  var count: Int { ends.count }

  /// The byte range of entry `k` in ``storage``.
  @inline(__always)
  func range(of k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

  /// The bytes of entry `k`.
  func bytes(of k: Int) -> ArraySlice<UInt8> { storage[range(of: k)] }

  /// A fast 64-bit hash of a byte string (multiply-xorshift over 8-byte words).
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: n) &* 0xFF51_AFD7_ED55_8CCD)
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i + 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    if i < n {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        w |= UInt64(p[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ w) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    }
    h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return h ^ (h >> 32)
  }

  /// Returns the code of the given bytes, adding them when new.
  @inline(__always)
  mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    let h = ByteStringPool.hash(p, n)
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = Int(slots[s])
      if e < 0 { break }
      if hashes[e] == h {
        let r = range(of: e)
        if r.count == n {
          let same = storage.withUnsafeBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return n == 0 }
            return n == 0 || memcmp(base + r.lowerBound, p, n) == 0
          }
          if same { return UInt32(e) }
        }
      }
      s = (s + 1) & mask
    }
    let code = ends.count
    storage.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    ends.append(storage.count)
    hashes.append(h)
    slots[s] = Int32(code)
    if ends.count * 2 > mask { grow() }
    return UInt32(code)
  }

  /// Interns a byte array.
  mutating func intern(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buf in
      if let base = buf.baseAddress { return intern(base, buf.count) }
      var zero: UInt8 = 0
      return intern(&zero, 0)
    }
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    var newSlots = [Int32](repeating: -1, count: size)
    let newMask = size - 1
    for (e, h) in hashes.enumerated() {
      var s = Int(truncatingIfNeeded: h) & newMask
      while newSlots[s] >= 0 { s = (s + 1) & newMask }
      newSlots[s] = Int32(e)
    }
    slots = newSlots
    mask = newMask
  }

  /// Whether every byte of every entry is ASCII.
  var isASCII: Bool { storage.allSatisfy { $0 < 0x80 } }
}
