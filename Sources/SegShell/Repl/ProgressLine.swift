/// The one-line status a long statement shows on standard error: what runs, what it reported,
/// how long it has taken, and how to stop it.
///
/// ```
/// elbow 2..10 · k = 4 of 10 · 40% · 3.2s · Ctrl-C cancels
/// ```
enum ProgressLine {
  /// How long a statement runs before the line appears.
  static let delay: Duration = .milliseconds(500)
  /// How often the line is redrawn.
  static let interval: Duration = .milliseconds(100)
  /// Erases from the cursor to the end of the line.
  static let clearToEnd = "\u{1B}[K"
  /// Returns to column 0 and erases the line.
  static let clear = "\r\u{1B}[K"

  /// The line's text, cut to `width - 1` characters (never wrapping, which would break `\r`).
  static func text(
    label: String, message: String?, fraction: Double?, elapsed: Duration, width: Int
  ) -> String {
    var parts = [label]
    if let message, !message.isEmpty { parts.append(message) }
    if let fraction { parts.append("\(Int((fraction * 100).rounded(.down)))%") }
    parts.append(format(elapsed))
    parts.append("Ctrl-C cancels")
    let line = parts.joined(separator: " · ")
    let room = max(1, width - 1)
    return line.count <= room ? line : String(line.prefix(max(0, room - 1))) + "…"
  }

  /// `0.7s`, `12.3s`, `2m05s`.
  static func format(_ duration: Duration) -> String {
    let tenths =
      Int(duration.components.seconds) * 10
      + Int(duration.components.attoseconds / 100_000_000_000_000_000)
    if tenths < 600 { return "\(tenths / 10).\(tenths % 10)s" }
    let seconds = tenths / 10
    let remainder = seconds % 60
    return "\(seconds / 60)m\(remainder < 10 ? "0" : "")\(remainder)s"
  }
}
