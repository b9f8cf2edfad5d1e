/// A quadtree over 2-D points with each cell's centre of mass, for the Barnes–Hut approximation
/// of t-SNE's repulsive forces (van der Maaten 2014; scikit-learn's `_QuadTree`).
///
/// Built top-down by splitting square cells at their centre until a cell holds one point or only
/// coincident points. Cells are stored in depth-first order.
struct BarnesHutTree {
  struct Cell {
    var centreX: Double  // centre of mass
    var centreY: Double
    var count: Int
    var squaredWidth: Double  // squared side length of the square cell
    var childStart: Int  // offset of the children's indices in `children`
    var childCount: Int  // 0 for a leaf
  }

  private(set) var cells: [Cell] = []
  private var children: [Int] = []

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
    var order = Array(0..<n)
    var scratch = [Int](repeating: 0, count: n)
    cells.reserveCapacity(2 * n)
    build(y, &order, &scratch, 0, n, minX, minY, width, depth: 0)
  }

  /// Appends the cell for `order[start..<end]` in the square at (`x0`, `y0`) of side `width`,
  /// then its children; returns the cell's index.
  @discardableResult
  private mutating func build(
    _ y: [Double], _ order: inout [Int], _ scratch: inout [Int], _ start: Int, _ end: Int,
    _ x0: Double, _ y0: Double, _ width: Double, depth: Int
  ) -> Int {
    var cx = 0.0
    var cy = 0.0
    for p in start..<end {
      cx += y[2 * order[p]]
      cy += y[2 * order[p] + 1]
    }
    let count = end - start
    cx /= Double(count)
    cy /= Double(count)
    let id = cells.count
    cells.append(
      Cell(
        centreX: cx, centreY: cy, count: count, squaredWidth: width * width, childStart: 0,
        childCount: 0))
    guard count > 1, depth < 64 else { return id }
    // Stop at coincident points.
    let fx = y[2 * order[start]]
    let fy = y[2 * order[start] + 1]
    var allSame = true
    for p in (start + 1)..<end where y[2 * order[p]] != fx || y[2 * order[p] + 1] != fy {
      allSame = false
      break
    }
    if allSame { return id }

    let half = width / 2
    let midX = x0 + half
    let midY = y0 + half
    // Stable partition into quadrants 0: (<x, <y), 1: (>=x, <y), 2: (<x, >=y), 3: (>=x, >=y).
    var bounds = [Int](repeating: 0, count: 5)
    for p in start..<end {
      let i = order[p]
      let q = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
      bounds[q + 1] += 1
    }
    for q in 0..<4 { bounds[q + 1] += bounds[q] }
    var fill = bounds
    for p in start..<end {
      let i = order[p]
      let q = (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
      scratch[start + fill[q]] = i
      fill[q] += 1
    }
    for p in start..<end { order[p] = scratch[p] }
    var ids = [Int]()
    for q in 0..<4 where bounds[q + 1] > bounds[q] {
      let qx = q & 1 == 1 ? midX : x0
      let qy = q & 2 == 2 ? midY : y0
      ids.append(
        build(
          y, &order, &scratch, start + bounds[q], start + bounds[q + 1], qx, qy, half,
          depth: depth + 1))
    }
    // Children are not contiguous in depth-first order, so their indices are listed apart.
    cells[id].childStart = children.count
    cells[id].childCount = ids.count
    children.append(contentsOf: ids)
    return id
  }

  /// The repulsive force on the point at (`px`, `py`) and its contribution to the normalisation
  /// `Z = Σ 1/(1 + d²)`: cells whose squared width over squared distance is below `theta²` act as
  /// one point at their centre of mass; leaves holding only the point itself are skipped.
  func repulsion(x px: Double, y py: Double, squaredTheta: Double)
    -> (forceX: Double, forceY: Double, z: Double)
  {
    var fx = 0.0
    var fy = 0.0
    var z = 0.0
    var stack = [0]
    stack.reserveCapacity(128)
    while let id = stack.popLast() {
      let cell = cells[id]
      let dx = px - cell.centreX
      let dy = py - cell.centreY
      let d2 = dx * dx + dy * dy
      let isLeaf = cell.childCount == 0
      if isLeaf && d2 == 0 { continue }
      if isLeaf || cell.squaredWidth < squaredTheta * d2 {
        let q = 1 / (1 + d2)
        let mass = Double(cell.count)
        z += mass * q
        let m = mass * q * q
        fx += m * dx
        fy += m * dy
      } else {
        for c in 0..<cell.childCount { stack.append(children[cell.childStart + c]) }
      }
    }
    return (fx, fy, z)
  }
}
