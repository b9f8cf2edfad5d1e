extension Palette {
  /// The stops of the sequential scale for heatmaps: ColorBrewer "Blues", light to dark, a
  /// single hue that reads in every form of colour blindness and in greyscale print.
  public static let sequential: [String] = [
    "#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C",
    "#08306B",
  ]

  /// The sequential colour at `t` in 0...1 (clamped; NaN gives the lightest), interpolated
  /// between the stops.
  public static func sequential(at t: Double) -> String {
    guard t.isFinite else { return sequential[0] }
    let x = min(1, max(0, t)) * Double(sequential.count - 1)
    let i = min(sequential.count - 2, Int(x))
    let f = x - Double(i)
    let a = rgb(sequential[i])
    let b = rgb(sequential[i + 1])
    func mix(_ p: Int, _ q: Int) -> Int { Int((Double(p) + (Double(q) - Double(p)) * f).rounded()) }
    return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  /// Whether text on `t`'s sequential colour should be white rather than dark.
  static func sequentialNeedsLightText(at t: Double) -> Bool { t.isFinite && t > 0.55 }

  /// The red, green and blue components of `#RRGGBB` (0 for malformed input).
  static func rgb(_ hex: String) -> (Int, Int, Int) {
    let digits = Array(hex.utf8.dropFirst())
    guard digits.count == 6 else { return (0, 0, 0) }
    func value(_ i: Int) -> Int {
      func nibble(_ c: UInt8) -> Int {
        switch c {
        case 48...57: Int(c - 48)
        case 65...70: Int(c - 55)
        case 97...102: Int(c - 87)
        default: 0
        }
      }
      return nibble(digits[i]) * 16 + nibble(digits[i + 1])
    }
    return (value(0), value(2), value(4))
  }

  static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    var out = "#"
    for v in [r, g, b] {
      let x = min(255, max(0, v))
      out.append(digits[x / 16])
      out.append(digits[x % 16])
    }
    return out
  }
}
