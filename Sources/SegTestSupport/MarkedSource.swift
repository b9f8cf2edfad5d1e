/// Source text with position markers, as in swift-syntax's parser tests: `"cluster k=1️⃣x"`
/// marks where a caret must land. Markers are the keycap emojis 1️⃣ to 9️⃣; they are removed from
/// ``text`` and their UTF-8 offsets recorded.
package struct MarkedSource: Sendable {
  /// The text without markers.
  package let text: String
  /// The UTF-8 offset in ``text`` of each marker, by marker name ("1️⃣").
  package let markers: [String: Int]

  /// Strips the markers from `marked`.
  package init(_ marked: String) {
    var text = ""
    var markers: [String: Int] = [:]
    var offset = 0
    var chars = marked[...]
    while let ch = chars.first {
      chars = chars.dropFirst()
      let s = String(ch)
      if s.unicodeScalars.count == 3, s.unicodeScalars.last == "\u{20E3}",
        let d = s.unicodeScalars.first, ("1"..."9").contains(d)
      {
        markers[s] = offset
        continue
      }
      text += s
      offset += s.utf8.count
    }
    self.text = text
    self.markers = markers
  }

  /// The offset of marker `name` (default "1️⃣").
  package func offset(_ name: String = "1️⃣") -> Int? { markers[name] }
}
