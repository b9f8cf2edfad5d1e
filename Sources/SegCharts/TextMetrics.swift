/// Approximate text widths for layout, without a font engine.
///
/// Sans-serif glyphs average a little over half the font size; 0.6 × size per character errs
/// wide, so labels get enough room in every common font.
enum TextMetrics {
  static func width(_ s: String, size: Double = 12) -> Double {
    Double(s.count) * size * 0.6
  }

  /// `s` cut with `…` so that it fits `maxWidth` (at least one character and the ellipsis).
  static func truncate(_ s: String, toWidth maxWidth: Double, size: Double = 12) -> String {
    guard width(s, size: size) > maxWidth else { return s }
    let keep = max(1, Int(maxWidth / (size * 0.6)) - 1)
    return String(s.prefix(keep)) + "…"
  }

  /// `s` cut with `…` to at most `columns` characters (terminal output).
  static func truncate(_ s: String, columns: Int) -> String {
    guard s.count > columns else { return s }
    guard columns > 1 else { return String(s.prefix(max(0, columns))) }
    return String(s.prefix(columns - 1)) + "…"
  }

  /// `s` padded with spaces on the right (or left when `right` is false) to `columns`.
  static func pad(_ s: String, _ columns: Int, right: Bool = true) -> String {
    let fill = String(repeating: " ", count: max(0, columns - s.count))
    return right ? s + fill : fill + s
  }
}
