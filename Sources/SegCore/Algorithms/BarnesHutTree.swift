/// A quadtree over 2-D points with each cell's centre of mass, for the Barnes–Hut approximation
/// of t-SNE's repulsive forces (van der Maaten 2014; scikit-learn's `_QuadTree`).
///
/// Built top-down by splitting square cells at their centre until a cell holds one point or only
/// coincident points. Cells are stored in depth-first preorder, structure-of-arrays, each with
/// the index just past its subtree (`next`), so a query walks the array forwards without a
/// stack: a cell that is summarised (or a leaf) jumps to `next`, one that is opened steps to its
/// first child at `index + 1`.
struct BarnesHutTree: Sendable {
  /// Per cell, interleaved: centre-of-mass x, y, point count, squared side length.
  private(set) var cells: [Double] = []
  /// Per cell, the index just past its subtree; negated (minus one) for a leaf.
  private(set) var links: [Int] = []

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
    var order = Array(0..<n)
    var scratch = [Int](repeating: 0, count: n)
    cells.reserveCapacity(8 * n)
    links.reserveCapacity(2 * n)
    build(y, &order, &scratch, 0, n, minX, minY, width, depth: 0)
  }

  /// Appends the cell for `order[start..<end]` in the square at (`x0`, `y0`) of side `width`,
  /// then its subtree.
  private mutating func build(
    _ y: [Double], _ order: inout [Int], _ scratch: inout [Int], _ start: Int, _ end: Int,
    _ x0: Double, _ y0: Double, _ width: Double, depth: Int
  ) {
    var cx = 0.0
    var cy = 0.0
    for p in start..<end {
      cx += y[2 * order[p]]
      cy += y[2 * order[p] + 1]
    }
    let count = end - start
    let id = links.count
    cells.append(cx / Double(count))
    cells.append(cy / Double(count))
    cells.append(Double(count))
    cells.append(width * width)
    links.append(-(id + 1) - 1)
    guard count > 1, depth < 64 else { return }
    let fx = y[2 * order[start]]
    let fy = y[2 * order[start] + 1]
    var allSame = true
    for p in (start + 1)..<end where y[2 * order[p]] != fx || y[2 * order[p] + 1] != fy {
      allSame = false
      break
    }
    if allSame { return }  // coincident points stay one leaf

    let half = width / 2
    let midX = x0 + half
    let midY = y0 + half
    // Stable partition into quadrants 0: (<x, <y), 1: (>=x, <y), 2: (<x, >=y), 3: (>=x, >=y).
    var sizes = (0, 0, 0, 0)
    for p in start..<end {
      switch quadrant(y, order[p], midX, midY) {
      case 0: sizes.0 += 1
      case 1: sizes.1 += 1
      case 2: sizes.2 += 1
      default: sizes.3 += 1
      }
    }
    let bounds = [0, sizes.0, sizes.0 + sizes.1, sizes.0 + sizes.1 + sizes.2, end - start]
    var fill = (bounds[0], bounds[1], bounds[2], bounds[3])
    for p in start..<end {
      let i = order[p]
      let slot: Int
      switch quadrant(y, i, midX, midY) {
      case 0: slot = fill.0; fill.0 += 1
      case 1: slot = fill.1; fill.1 += 1
      case 2: slot = fill.2; fill.2 += 1
      default: slot = fill.3; fill.3 += 1
      }
      scratch[start + slot] = i
    }
    for p in start..<end { order[p] = scratch[p] }
    for q in 0..<4 where bounds[q + 1] > bounds[q] {
      build(
        y, &order, &scratch, start + bounds[q], start + bounds[q + 1], q & 1 == 1 ? midX : x0,
        q & 2 == 2 ? midY : y0, half, depth: depth + 1)
    }
    links[id] = links.count
  }

  @inline(__always)
  private func quadrant(_ y: [Double], _ i: Int, _ midX: Double, _ midY: Double) -> Int {
    (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0)
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
      let dx = px - c[4 * id]
      let dy = py - c[4 * id + 1]
      let d2 = dx * dx + dy * dy
      let link = l[id]
      if link < 0 && d2 == 0 {
        id = -link - 1
      } else if link < 0 || c[4 * id + 3] < squaredTheta * d2 {
        let q = 1 / (1 + d2)
        let mq = c[4 * id + 2] * q
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
