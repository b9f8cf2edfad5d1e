/// A grid of braille characters, each 2 dots wide and 4 tall, remembering which segment put
/// the most dots in each character cell (for colouring).
struct BrailleCanvas {
  let columns: Int
  let rows: Int
  private var bits: [UInt8]
  /// Per cell, dot counts per colour slot.
  private var slotCounts: [[Int]]
  let slots: Int

  init(columns: Int, rows: Int, slots: Int) {
    self.columns = columns
    self.rows = rows
    self.slots = max(1, slots)
    bits = [UInt8](repeating: 0, count: columns * rows)
    slotCounts = [[Int]](repeating: [], count: columns * rows)
  }

  var dotWidth: Int { columns * 2 }
  var dotHeight: Int { rows * 4 }

  /// Sets the dot at (`x`, `y`) in dot coordinates, `y` growing downwards.
  mutating func set(x: Int, y: Int, slot: Int) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / 4) * columns + x / 2
    let masks: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    bits[cell] |= masks[y % 4][x % 2]
    if slotCounts[cell].isEmpty { slotCounts[cell] = [Int](repeating: 0, count: slots) }
    slotCounts[cell][min(slots - 1, max(0, slot))] += 1
  }

  /// The braille character of a cell (a blank braille pattern renders as a space).
  func character(column: Int, row: Int) -> Character {
    let b = bits[row * columns + column]
    guard b != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(b)) else { return " " }
    return Character(scalar)
  }

  /// The slot with the most dots in a cell (lowest slot on ties), or nil for an empty cell.
  func dominantSlot(column: Int, row: Int) -> Int? {
    let counts = slotCounts[row * columns + column]
    guard let best = counts.max(), best > 0 else { return nil }
    return counts.firstIndex(of: best)
  }
}
