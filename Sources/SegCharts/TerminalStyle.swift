/// ANSI decoration for terminal charts, or none.
struct TerminalStyle {
  let color: Bool

  static let reset = "\u{1B}[0m"

  /// `s` in the foreground colour nearest `hex` on the xterm 256-colour palette.
  func fg(_ s: String, _ hex: String) -> String {
    guard color, !s.isEmpty else { return s }
    return "\u{1B}[38;5;\(Self.xterm256(hex))m" + s + Self.reset
  }

  /// `s` on a background colour, in white or near-black text as the background needs.
  func bg(_ s: String, _ hex: String, lightText: Bool) -> String {
    guard color, !s.isEmpty else { return s }
    let ink = lightText ? 231 : 16
    return "\u{1B}[48;5;\(Self.xterm256(hex));38;5;\(ink)m" + s + Self.reset
  }

  func bold(_ s: String) -> String {
    guard color, !s.isEmpty else { return s }
    return "\u{1B}[1m" + s + Self.reset
  }

  func dim(_ s: String) -> String {
    guard color, !s.isEmpty else { return s }
    return "\u{1B}[2m" + s + Self.reset
  }

  /// The xterm 256-colour index nearest `hex`: the 6×6×6 cube, or the grey ramp for greys.
  static func xterm256(_ hex: String) -> Int {
    let (r, g, b) = Palette.rgb(hex)
    let levels = [0, 95, 135, 175, 215, 255]
    func nearest(_ v: Int) -> Int {
      var best = 0
      for (i, l) in levels.enumerated() where abs(l - v) < abs(levels[best] - v) { best = i }
      return best
    }
    let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b))
    let cube = 16 + 36 * ri + 6 * gi + bi
    let cubeError = sq(levels[ri] - r) + sq(levels[gi] - g) + sq(levels[bi] - b)
    let mean = (r + g + b) / 3
    let greyIndex = min(23, max(0, (mean - 8 + 5) / 10))
    let grey = 8 + 10 * greyIndex
    let greyError = sq(grey - r) + sq(grey - g) + sq(grey - b)
    return greyError < cubeError ? 232 + greyIndex : cube
  }

  private static func sq(_ x: Int) -> Int { x * x }
}

/// Block characters for bars with eighth-of-a-column resolution.
enum Blocks {
  static let horizontal: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
  static let vertical: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// A bar of `fraction` (0...1) of `width` columns, in eighths.
  ///
  /// Exactly `width` characters when `padded`. A positive fraction always shows at least a
  /// thin sliver.
  static func bar(_ fraction: Double, width: Int, padded: Bool = true) -> String {
    let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
    var eighths = Int((f * Double(width * 8)).rounded())
    if f > 0 && eighths == 0 { eighths = 1 }
    var out = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { out.append(horizontal[eighths % 8 - 1]) }
    return padded ? out + String(repeating: " ", count: max(0, width - out.count)) : out
  }

  /// A bar growing leftwards from the right edge of `width` columns (exactly `width`
  /// characters); partial cells use the right-aligned quarter and half blocks.
  static func leftwardBar(_ fraction: Double, width: Int) -> String {
    let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
    var eighths = Int((f * Double(width * 8)).rounded())
    if f > 0 && eighths == 0 { eighths = 1 }
    var out = String(repeating: "█", count: eighths / 8)
    switch eighths % 8 {
    case 0: break
    case 1...2: out = "▕" + out
    case 3...5: out = "▐" + out
    default: out = "█" + out
    }
    return String(repeating: " ", count: max(0, width - out.count)) + out
  }
}
