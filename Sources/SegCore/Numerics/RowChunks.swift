/// A fixed partition of `rows` into chunks of `size` rows, processed concurrently.
///
/// Results of chunked kernels depend only on this layout, never on how many threads run it:
/// every chunk writes its own partial results, and callers combine them in chunk order. That is
/// what keeps k-means and silhouette output identical across machines with different core counts.
struct RowChunks: Sendable {
  /// The default chunk size: large enough to amortise scheduling, small enough to balance load.
  static let defaultSize = 4096

  let rows: Int
  let size: Int

  init(rows: Int, size: Int = RowChunks.defaultSize) {
    precondition(size > 0)
    self.rows = rows
    self.size = size
  }

  /// The number of chunks (0 for no rows).
  var count: Int { (rows + size - 1) / size }

  /// The rows of chunk `c`.
  func range(_ c: Int) -> Range<Int> { (c * size)..<min(rows, (c + 1) * size) }

  /// Whether ``forEach(_:)`` spreads the chunks over threads: only with at least two full chunks.
  ///
  /// Below that, waking a second thread costs more than the short tail chunk it would take (4,260
  /// rows are a chunk of 4,096 and one of 164), and on a busy machine the wait for that thread
  /// dominates. Callers with many small jobs (the fits of `choose`) parallelise across the jobs
  /// instead.
  var isParallel: Bool { rows >= 2 * size }

  /// Runs `body(c)` for every chunk `c`, on all cores when ``isParallel``, else in chunk order on
  /// the calling thread. The chunks are the same either way, so is every result.
  ///
  /// Returns after every chunk has finished, so buffers that `body` writes through a
  /// ``SharedPointer`` may be read as soon as this returns.
  func forEach(_ body: @Sendable (Int) -> Void) {
    if isParallel {
      Self.run(count, body)
    } else {
      for c in 0..<count { body(c) }
    }
  }

  /// `body(range)` for every chunk, concurrently, with the results in chunk order (for sums
  /// combined in chunk order, and per-row results concatenated).
  func map<T: Sendable>(_ body: @Sendable (Range<Int>) -> T) -> [T] {
    Parallel.map(count) { body(range($0)) }
  }

  /// Runs `body(t)` for `t` in `0..<tasks`, concurrently when `tasks > 1`.
  static func run(_ tasks: Int, _ body: @Sendable (Int) -> Void) {
    Parallel.forEach(tasks, body)
  }
}

/// A pointer into memory shared with the chunk workers of ``RowChunks/forEach(_:)``.
///
/// `@unchecked Sendable` is safe under two rules that every use in SegCore follows: (1) the
/// memory outlives the `forEach` call (it is allocated, or pinned by `withUnsafe…`, around the
/// call, and `forEach` returns only after every worker finished); (2) during one `forEach`,
/// workers either only read the memory or write disjoint index ranges (their own chunk's rows or
/// their own chunk's partial-result slot). `SharedPointerTests` checks that parallel disjoint
/// writes land exactly once.
struct SharedPointer<Element>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
  /// The number of elements this pointer owns (0 for borrowed memory).
  private let owned: Int

  /// Borrows memory owned elsewhere.
  init(_ base: UnsafeMutablePointer<Element>) {
    self.base = base
    self.owned = 0
  }

  private init(owning base: UnsafeMutablePointer<Element>, count: Int) {
    self.base = base
    self.owned = count
  }

  /// Allocates `count` elements initialised to `value`; release with ``deallocate()``.
  static func allocate(_ count: Int, value: Element) -> SharedPointer {
    let n = max(count, 1)
    let p = UnsafeMutablePointer<Element>.allocate(capacity: n)
    p.initialize(repeating: value, count: n)
    return SharedPointer(owning: p, count: n)
  }

  /// Deinitialises and frees memory from ``allocate(_:value:)``.
  func deallocate() {
    precondition(owned > 0, "deallocating borrowed memory")
    base.deinitialize(count: owned)
    base.deallocate()
  }

  subscript(i: Int) -> Element {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }

  /// Copies the first `count` elements into an array.
  func array(_ count: Int) -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

extension Array {
  /// Calls `body` with a ``SharedPointer`` to the array's storage; the pointer must not escape.
  mutating func withSharedPointer<R, E: Error>(_ body: (SharedPointer<Element>) throws(E) -> R)
    throws(E) -> R
  {
    try withUnsafeMutableBufferPointer { (buffer) throws(E) -> R in
      try Self.withBase(buffer.baseAddress, body)
    }
  }

  /// Calls `body` with a read-only ``SharedPointer`` to the array's storage (no copy); `body`
  /// must only read through it, and the pointer must not escape.
  func withSharedReadPointer<R, E: Error>(_ body: (SharedPointer<Element>) throws(E) -> R)
    throws(E) -> R
  {
    try withUnsafeBufferPointer { (buffer) throws(E) -> R in
      try Self.withBase(buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }, body)
    }
  }

  /// An empty array may have no base address: then `body` gets a one-element scratch pointer.
  private static func withBase<R, E: Error>(
    _ base: UnsafeMutablePointer<Element>?, _ body: (SharedPointer<Element>) throws(E) -> R
  ) throws(E) -> R {
    if let base { return try body(SharedPointer(base)) }
    let scratch = UnsafeMutablePointer<Element>.allocate(capacity: 1)
    defer { scratch.deallocate() }
    return try body(SharedPointer(scratch))
  }
}

/// Specialises a kernel for the feature count: `with(d) { d in ... }` calls the body with a
/// literal 1…8 (so the compiler unrolls the inner loops over features) or with `d` itself.
enum FeatureWidth {
  @inline(__always)
  static func with<R>(_ d: Int, _ body: (Int) -> R) -> R {
    switch d {
    case 1: body(1)
    case 2: body(2)
    case 3: body(3)
    case 4: body(4)
    case 5: body(5)
    case 6: body(6)
    case 7: body(7)
    case 8: body(8)
    default: body(d)
    }
  }
}
