/// A quadtree over 2-D points with each cell's centre of mass, for the Barnes–Hut approximation
/// of t-SNE's repulsive forces (van der Maaten 2014; scikit-learn's `_QuadTree`), walked once per
/// group of nearby points rather than once per point (Barnes 1990).
///
/// Built top-down by splitting square cells at their centre until a cell holds one point or only
/// coincident points. Cells are stored in depth-first preorder, each with the index just past its
/// subtree (`next`), so a walk goes forwards through the array without a stack: a cell that is
/// summarised (or a leaf) jumps to `next`, one that is opened steps to its first child at
/// `index + 1`. A cell's centre of mass is the sum of its children's coordinate sums (in
/// quadrant order) over its count, so the build touches each point once per level.
///
/// The **groups** are the largest cells of at most ``groupSize`` points (or leaves of more
/// coincident points): they partition the points, and each is a run of ``order``. One walk per
/// group collects an ``InteractionList`` that holds for every point of the group: a cell is
/// summarised only when it passes the opening test against the point of the group's bounding box
/// nearest to its centre of mass, so it passes it against every point of the group. Each point's
/// force is then at least as accurate as a walk of its own would give, and the sums over the list
/// are a plain loop over contiguous arrays, four at a time.
struct BarnesHutTree: Sendable {
  /// The most points a group holds (unless it is one leaf of coincident points).
  static let groupSize = 24

  /// Per cell: centre-of-mass x, y, point count, and squared side length, or -1 for a leaf (so
  /// that a leaf passes every opening test: it is never opened).
  private(set) var cells: [SIMD4<Double>] = []
  /// Per cell, the index just past its subtree (`index + 1` for a leaf).
  private(set) var next: [Int] = []
  /// The point indices in the order of the leaves (depth-first): nearby points are adjacent, and
  /// each group is a run of this order.
  private(set) var order: [Int] = []
  /// The groups, as ranges of ``order``, in order: together they cover it once.
  private(set) var groups: [Range<Int>] = []

  var cellCount: Int { next.count }

  init(_ y: [Double], count n: Int) {
    var minX = Double.infinity
    var minY = Double.infinity
    var maxX = -Double.infinity
    var maxY = -Double.infinity
    for i in 0..<n {
      minX = min(minX, y[2 * i])
      maxX = max(maxX, y[2 * i])
      minY = min(minY, y[2 * i + 1])
      maxY = max(maxY, y[2 * i + 1])
    }
    let width = max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12
    var builder = Builder(capacity: 2 * n + 1)
    var order = Array(0..<n)
    var scratch = [Int](repeating: 0, count: n)
    var quadrants = [UInt8](repeating: 0, count: n)
    y.withUnsafeBufferPointer { points in
      order.withUnsafeMutableBufferPointer { order in
        scratch.withUnsafeMutableBufferPointer { scratch in
          quadrants.withUnsafeMutableBufferPointer { quadrants in
            // Per level (at most 65), the five bounds of its cell's quadrants in `order`.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * (Builder.maxDepth + 1)) {
              bounds in
              guard let bounds = bounds.baseAddress, n > 0 else { return }
              let buffers = Builder.Buffers(
                y: points, order: order, scratch: scratch, quadrant: quadrants, bounds: bounds)
              _ = builder.build(buffers, 0, n, minX, minY, width, depth: 0, grouped: false)
            }
          }
        }
      }
    }
    cells = builder.cells.array
    next = builder.next.array
    groups = builder.groups
    self.order = order
  }

  /// The recursive build, over raw buffers that live only for the duration of ``init(_:count:)``.
  private struct Builder {
    /// The deepest level: a cell there is a leaf, however many points it holds.
    static let maxDepth = 64

    let cells: ScratchBuffer<SIMD4<Double>>
    let next: ScratchBuffer<Int>
    var groups: [Range<Int>] = []

    init(capacity: Int) {
      cells = ScratchBuffer(capacity: capacity)
      next = ScratchBuffer(capacity: capacity)
      groups.reserveCapacity(capacity / 8)
    }

    struct Buffers {
      let y: UnsafeBufferPointer<Double>
      let order: UnsafeMutableBufferPointer<Int>
      let scratch: UnsafeMutableBufferPointer<Int>
      let quadrant: UnsafeMutableBufferPointer<UInt8>
      /// Five slots per level: where each quadrant's points start in `order`, and the end.
      let bounds: UnsafeMutablePointer<Int>
    }

    /// Appends the cell for `order[start..<end]` in the square at (`x0`, `y0`) of side `width`,
    /// then its subtree; returns the sums of the cell's x and y coordinates. `grouped` says
    /// whether an ancestor is a group already.
    mutating func build(
      _ b: Buffers, _ start: Int, _ end: Int, _ x0: Double, _ y0: Double, _ width: Double,
      depth: Int, grouped: Bool
    ) -> (x: Double, y: Double) {
      let (y, order) = (b.y, b.order)
      let count = end - start
      let id = next.count
      cells.append(SIMD4(0, 0, Double(count), width * width))
      next.append(id + 1)
      let fx = y[2 * order[start]]
      let fy = y[2 * order[start] + 1]
      var allSame = true
      for p in (start + 1)..<max(end, start + 1)
      where y[2 * order[p]] != fx || y[2 * order[p] + 1] != fy {
        allSame = false
        break
      }
      let isLeaf = count == 1 || allSame || depth >= Builder.maxDepth
      let isGroup = !grouped && (isLeaf || count <= BarnesHutTree.groupSize)
      if isGroup { groups.append(start..<end) }
      if isLeaf {
        // A leaf: one point, or coincident points (or a cell too small to split further).
        var sx = 0.0
        var sy = 0.0
        for p in start..<end {
          sx += y[2 * order[p]]
          sy += y[2 * order[p] + 1]
        }
        // Coincident points sit exactly at their position: the mean of equal values can round
        // away from it, and then a point would not recognise its own leaf (and count its
        // twins, at distance 1e-16, into `Z`).
        let (cx, cy) = allSame ? (fx, fy) : (sx / Double(count), sy / Double(count))
        cells[id] = SIMD4(cx, cy, Double(count), -1)
        return (sx, sy)
      }
      let half = width / 2
      let midX = x0 + half
      let midY = y0 + half
      // Stable partition into quadrants 0: (<x, <y), 1: (>=x, <y), 2: (<x, >=y), 3: (>=x, >=y).
      var sizes = (0, 0, 0)
      for p in start..<end {
        let i = order[p]
        let q = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
        b.quadrant[p] = UInt8(q)
        sizes.0 += q == 0 ? 1 : 0
        sizes.1 += q == 1 ? 1 : 0
        sizes.2 += q == 2 ? 1 : 0
      }
      let bounds = b.bounds + 5 * depth
      bounds[0] = start
      bounds[1] = start + sizes.0
      bounds[2] = bounds[1] + sizes.1
      bounds[3] = bounds[2] + sizes.2
      bounds[4] = end
      var fill = (bounds[0], bounds[1], bounds[2], bounds[3])
      for p in start..<end {
        let i = order[p]
        switch b.quadrant[p] {
        case 0: (b.scratch[fill.0], fill.0) = (i, fill.0 + 1)
        case 1: (b.scratch[fill.1], fill.1) = (i, fill.1 + 1)
        case 2: (b.scratch[fill.2], fill.2) = (i, fill.2 + 1)
        default: (b.scratch[fill.3], fill.3) = (i, fill.3 + 1)
        }
      }
      for p in start..<end { order[p] = b.scratch[p] }
      var sx = 0.0
      var sy = 0.0
      for q in 0..<4 where bounds[q + 1] > bounds[q] {
        let s = build(
          b, bounds[q], bounds[q + 1], q & 1 == 1 ? midX : x0, q & 2 == 2 ? midY : y0, half,
          depth: depth + 1, grouped: grouped || isGroup)
        sx += s.x
        sy += s.y
      }
      cells[id] = SIMD4(sx / Double(count), sy / Double(count), Double(count), width * width)
      next[id] = next.count
      return (sx, sy)
    }
  }
}

/// The cells and points that act on every point of one group of a ``BarnesHutTree``, as three
/// contiguous arrays (x, y, mass) padded with massless entries to a multiple of four.
///
/// One worker's scratch space: ``collect(_:group:y:squaredTheta:)`` refills it for each group.
final class InteractionList {
  /// x at `base`, y at `base + capacity`, mass at `base + 2 · capacity`.
  private var base: UnsafeMutablePointer<Double>
  private var capacity: Int
  private(set) var count = 0

  init() {
    capacity = 0
    base = .allocate(capacity: 0)
  }

  deinit { base.deallocate() }

  /// Walks `tree` for the points `tree.order[group]` at `points` (`n × 2`): a cell whose squared
  /// width is below `squaredTheta` times its centre of mass's squared distance to the group's
  /// bounding box joins as one mass, leaves join as they are, other cells are opened.
  ///
  /// Leaves pass the test by construction (their width is stored as -1), so the walk has one
  /// rule and no branch on the kind of cell.
  func collect(
    _ tree: BarnesHutTree, group: Range<Int>, y points: UnsafeBufferPointer<Double>,
    squaredTheta: Double
  ) {
    count = 0
    var minX = Double.infinity
    var minY = Double.infinity
    var maxX = -Double.infinity
    var maxY = -Double.infinity
    tree.order.withUnsafeBufferPointer { order in
      for p in group {
        let i = order[p]
        minX = min(minX, points[2 * i])
        maxX = max(maxX, points[2 * i])
        minY = min(minY, points[2 * i + 1])
        maxY = max(maxY, points[2 * i + 1])
      }
    }
    // Every cell may join, plus the padding: room for all of them first, so that the walk
    // writes each cell's entry unconditionally and only counts it when it joins (no branch to
    // mispredict: whether a cell joins is close to random).
    if capacity < tree.cellCount + 4 {
      base.deallocate()
      capacity = tree.cellCount + 4
      base = .allocate(capacity: 3 * capacity)
    }
    let (xs, ys, ms) = (base, base + capacity, base + 2 * capacity)
    var k = 0
    tree.cells.withUnsafeBufferPointer { c in
      tree.next.withUnsafeBufferPointer { next in
        var id = 0
        while id < next.count {
          let cell = c[id]
          let dx = max(minX - cell.x, 0, cell.x - maxX)
          let dy = max(minY - cell.y, 0, cell.y - maxY)
          let joins = cell.w < squaredTheta * (dx * dx + dy * dy)
          xs[k] = cell.x
          ys[k] = cell.y
          ms[k] = cell.z
          k += joins ? 1 : 0
          id = joins ? next[id] : id + 1
        }
      }
    }
    while k % 4 != 0 {
      (xs[k], ys[k], ms[k]) = (0, 0, 0)
      k += 1
    }
    count = k
  }

  /// The repulsive force on the point at (`px`, `py`) and its contribution to the normalisation
  /// `Z = Σ 1/(1 + d²)`, from every entry of the list: each acts as its mass at its position, and
  /// entries at the point's own position (its own leaf, or points coinciding with it) are
  /// skipped, as scikit-learn skips them. Summed in four lanes, combined in a fixed order.
  func repulsion(x px: Double, y py: Double) -> (forceX: Double, forceY: Double, z: Double) {
    var fx = SIMD4<Double>(repeating: 0)
    var fy = SIMD4<Double>(repeating: 0)
    var z = SIMD4<Double>(repeating: 0)
    let ppx = SIMD4<Double>(repeating: px)
    let ppy = SIMD4<Double>(repeating: py)
    let (base, capacity, count) = (base, capacity, count)
    let xs = UnsafeRawPointer(base)
    let ys = UnsafeRawPointer(base + capacity)
    let ms = UnsafeRawPointer(base + 2 * capacity)
    var offset = 0
    let end = count * MemoryLayout<Double>.stride
    while offset < end {
      let dx = ppx - xs.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      let dy = ppy - ys.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      let m = ms.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      let d2 = dx * dx + dy * dy
      let q = 1 / (1 + d2)
      let mq = (m * q).replacing(with: 0, where: d2 .== 0)
      z += mq
      let mqq = mq * q
      fx += mqq * dx
      fy += mqq * dy
      offset += 4 * MemoryLayout<Double>.stride
    }
    return (Self.total(fx), Self.total(fy), Self.total(z))
  }

  /// The lanes' sum, in a fixed order.
  private static func total(_ v: SIMD4<Double>) -> Double { (v[0] + v[1]) + (v[2] + v[3]) }
}

/// A growable buffer of plain values, without an array's copy-on-write checks, for the tree
/// build's inner loop. One owner; never shared between threads.
final class ScratchBuffer<Element: BitwiseCopyable> {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always)
  func append(_ value: Element) {
    if count == capacity {
      let bigger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
      bigger.initialize(from: base, count: count)
      base.deallocate()
      base = bigger
      capacity *= 2
    }
    (base + count).initialize(to: value)
    count += 1
  }

  subscript(i: Int) -> Element {
    get { base[i] }
    set { base[i] = newValue }
  }

  /// The values appended, as an array.
  var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
