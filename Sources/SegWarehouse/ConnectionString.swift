/// A PostgreSQL connection string as the user wrote it: a libpq URI
/// (`postgresql://user@host:5432/db`) or key=value pairs (`host=/tmp dbname=shop`).
///
/// The text is handed to libpq unchanged, so `PG*` environment variables and `~/.pgpass` apply as
/// they do for psql. Its password never leaves this type unmasked: ``redacted`` is the only
/// rendering meant for people (errors, `show`, report provenance, the REPL history).
package struct ConnectionString: Sendable, Equatable, CustomStringConvertible {
  /// The text as written, password included: for libpq only.
  package let text: String

  /// Whether `text` is a connection string rather than a file path: a `postgresql://` or
  /// `postgres://` URI, or key=value pairs that name a host, database, user or service.
  package static func isConnectionString(_ text: String) -> Bool {
    let t = text.drop { $0 == " " }
    if t.hasPrefix("postgresql://") || t.hasPrefix("postgres://") { return true }
    let keys = ["host=", "hostaddr=", "dbname=", "user=", "service=", "port="]
    return t.split(separator: " ").contains { word in keys.contains { word.hasPrefix($0) } }
  }

  /// Wraps a connection string; `nil` when the text is not one.
  package init?(_ text: String) {
    guard ConnectionString.isConnectionString(text) else { return nil }
    self.text = text
  }

  /// The connection string with its password replaced by `********`.
  package var redacted: String { ConnectionString.redactPasswords(in: text) }

  package var description: String { redacted }

  /// The password written in the string, if any (so that server messages that quote it can be
  /// masked too).
  var password: String? {
    guard let range = ConnectionString.passwordRanges(in: text).first else { return nil }
    return String(text[range])
  }

  /// `text` with every password of every connection string in it replaced by `********`.
  package static func redactPasswords(in text: String) -> String {
    replacingPasswords(in: text) { _ in "********" }
  }

  /// `text` with every character of every password replaced by `*`, so that columns after it
  /// stay where they were (for source lines under a caret).
  package static func maskPasswords(in text: String) -> String {
    replacingPasswords(in: text) { String(repeating: "*", count: $0.count) }
  }

  static func replacingPasswords(in text: String, with mask: (Substring) -> String) -> String {
    let ranges = passwordRanges(in: text)
    guard !ranges.isEmpty else { return text }
    var out = ""
    var from = text.startIndex
    for r in ranges {
      out += text[from..<r.lowerBound]
      out += mask(text[r])
      from = r.upperBound
    }
    out += text[from...]
    return out
  }

  /// The ranges of the passwords in `text`: the part after `user:` in a URI's user info, and the
  /// value of every `password=` (a URI query parameter, or a key=value pair, quoted or not).
  static func passwordRanges(in text: String) -> [Range<String.Index>] {
    var ranges: [Range<String.Index>] = []
    // URIs: scheme://user:password@host...
    var search = text.startIndex
    while let scheme = text[search...].firstRange(of: "://") {
      let authorityStart = scheme.upperBound
      var end = authorityStart
      while end < text.endIndex, !"/?\"' \n\t".contains(text[end]) { end = text.index(after: end) }
      let authority = text[authorityStart..<end]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        let lo = text.index(after: colon)
        if lo < at { ranges.append(lo..<at) }
      }
      search = end
    }
    // password=value, anywhere (case-insensitive key).
    let lower = text.lowercased()
    guard lower.count == text.count else { return ranges.sorted { $0.lowerBound < $1.lowerBound } }
    var i = lower.startIndex
    while let hit = lower[i...].firstRange(of: "password=") {
      let offset = lower.distance(from: lower.startIndex, to: hit.upperBound)
      var lo = text.index(text.startIndex, offsetBy: offset)
      var hi = lo
      if lo < text.endIndex && text[lo] == "'" {
        lo = text.index(after: lo)
        hi = lo
        while hi < text.endIndex && text[hi] != "'" {
          if text[hi] == "\\" && text.index(after: hi) < text.endIndex { hi = text.index(after: hi) }
          hi = text.index(after: hi)
        }
      } else {
        while hi < text.endIndex && !"& \t\n\"#".contains(text[hi]) { hi = text.index(after: hi) }
      }
      if lo < hi && !ranges.contains(where: { $0.overlaps(lo..<hi) }) { ranges.append(lo..<hi) }
      i = hit.upperBound
    }
    return ranges.sorted { $0.lowerBound < $1.lowerBound }
  }
}
