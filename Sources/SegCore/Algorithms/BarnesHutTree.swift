/// A quadtree over 2-D points with each cell's centre of mass, for the Barnes–Hut approximation
/// of t-SNE's repulsive forces (van der Maaten 2014; scikit-learn's `_QuadTree`).
///
/// Built top-down by splitting square cells at their centre until a cell holds one point or only
/// coincident points. Cells are stored in depth-first preorder, each with the index just past its
/// subtree (`next`), so a query walks the array forwards without a stack: a cell that is
/// summarised (or a leaf) jumps to `next`, one that is opened steps to its first child at
/// `index + 1`. A cell's centre of mass is the sum of its children's coordinate sums (in
/// quadrant order) over its count, so the build touches each point once per level.
struct BarnesHutTree: Sendable {
  /// Per cell: centre-of-mass x, y, point count, squared side length.
  private(set) var cells: [SIMD4<Double>] = []
  /// Per cell, the index just past its subtree; negated (minus one) for a leaf.
  private(set) var links: [Int] = []
  /// The point indices in the order of the leaves (depth-first): nearby points are adjacent, so
  /// walking the tree for the points in this order reuses the same cells and branches.
  private(set) var order: [Int] = []

  var cellCount: Int { links.count }

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
    var builder = Builder()
    builder.cells.reserveCapacity(2 * n)
    builder.links.reserveCapacity(2 * n)
    var order = Array(0..<n)
    var scratch = [Int](repeating: 0, count: n)
    var quadrants = [UInt8](repeating: 0, count: n)
    y.withUnsafeBufferPointer { points in
      order.withUnsafeMutableBufferPointer { order in
        scratch.withUnsafeMutableBufferPointer { scratch in
          quadrants.withUnsafeMutableBufferPointer { quadrants in
            let buffers = Builder.Buffers(
              y: points, order: order, scratch: scratch, quadrant: quadrants)
            _ = builder.build(buffers, 0, n, minX, minY, width, depth: 0)
          }
        }
      }
    }
    cells = builder.cells
    links = builder.links
    self.order = order
  }

  /// The recursive build, over raw buffers that live only for the duration of ``init(_:count:)``.
  private struct Builder {
    var cells: [SIMD4<Double>] = []
    var links: [Int] = []

    struct Buffers {
      let y: UnsafeBufferPointer<Double>
      let order: UnsafeMutableBufferPointer<Int>
      let scratch: UnsafeMutableBufferPointer<Int>
      let quadrant: UnsafeMutableBufferPointer<UInt8>
    }

    /// Appends the cell for `order[start..<end]` in the square at (`x0`, `y0`) of side `width`,
    /// then its subtree; returns the sums of the cell's x and y coordinates.
    mutating func build(
      _ b: Buffers, _ start: Int, _ end: Int, _ x0: Double, _ y0: Double, _ width: Double,
      depth: Int
    ) -> (x: Double, y: Double) {
      let (y, order) = (b.y, b.order)
      let count = end - start
      let id = links.count
      cells.append(SIMD4(0, 0, Double(count), width * width))
      links.append(-(id + 1) - 1)
      let fx = y[2 * order[start]]
      let fy = y[2 * order[start] + 1]
      var allSame = true
      for p in (start + 1)..<max(end, start + 1)
      where y[2 * order[p]] != fx || y[2 * order[p] + 1] != fy {
        allSame = false
        break
      }
      if count == 1 || allSame || depth >= 64 {
        // A leaf: one point, or coincident points (or a cell too small to split further).
        var sx = 0.0
        var sy = 0.0
        for p in start..<end {
          sx += y[2 * order[p]]
          sy += y[2 * order[p] + 1]
        }
        cells[id].x = sx / Double(count)
        cells[id].y = sy / Double(count)
        return (sx, sy)
      }
      let half = width / 2
      let midX = x0 + half
      let midY = y0 + half
      // Stable partition into quadrants 0: (<x, <y), 1: (>=x, <y), 2: (<x, >=y), 3: (>=x, >=y).
      var sizes = SIMD4<Int>(repeating: 0)
      for p in start..<end {
        let i = order[p]
        let q = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
        b.quadrant[p] = UInt8(q)
        sizes[q] += 1
      }
      let bounds = [0, sizes[0], sizes[0] + sizes[1], sizes[0] + sizes[1] + sizes[2], count]
      var fill = SIMD4(bounds[0], bounds[1], bounds[2], bounds[3])
      for p in start..<end {
        let q = Int(b.quadrant[p])
        b.scratch[start + fill[q]] = order[p]
        fill[q] += 1
      }
      for p in start..<end { order[p] = b.scratch[p] }
      var sx = 0.0
      var sy = 0.0
      for q in 0..<4 where bounds[q + 1] > bounds[q] {
        let s = build(
          b, start + bounds[q], start + bounds[q + 1], q & 1 == 1 ? midX : x0,
          q & 2 == 2 ? midY : y0, half, depth: depth + 1)
        sx += s.x
        sy += s.y
      }
      cells[id].x = sx / Double(count)
      cells[id].y = sy / Double(count)
      links[id] = links.count
      return (sx, sy)
    }
  }

  /// The repulsive force on the point at (`px`, `py`) and its contribution to the normalisation
  /// `Z = Σ 1/(1 + d²)`: cells whose squared width over squared distance is below `theta²` act as
  /// one point at their centre of mass; leaves holding only the point itself (or points
  /// coinciding with it) are skipped, as scikit-learn skips them.
  func repulsion(x px: Double, y py: Double, squaredTheta: Double)
    -> (forceX: Double, forceY: Double, z: Double)
  {
    var fx = 0.0
    var fy = 0.0
    var z = 0.0
    let c = cells.span
    let l = links.span
    let count = l.count
    var id = 0
    while id < count {
      let cell = c[id]
      let dx = px - cell.x
      let dy = py - cell.y
      let d2 = dx * dx + dy * dy
      let link = l[id]
      if link < 0 && d2 == 0 {
        id = -link - 1
      } else if link < 0 || cell.w < squaredTheta * d2 {
        let q = 1 / (1 + d2)
        let mq = cell.z * q
        z += mq
        let m = mq * q
        fx += m * dx
        fy += m * dy
        id = link < 0 ? -link - 1 : link
      } else {
        id += 1
      }
    }
    return (fx, fy, z)
  }
}
