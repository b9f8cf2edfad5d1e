/// A unified diff of two texts by lines (`diff -u` style, three lines of context), for
/// `seg fmt --check`.
enum UnifiedDiff {
  /// One line of the edit script.
  enum Edit: Equatable {
    case keep(String), remove(String), insert(String)
  }

  /// The diff of `old` and `new` with `---`/`+++` headers naming `path`, or `""` when equal.
  static func diff(_ old: String, _ new: String, path: String) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    let edits = self.edits(a, b)
    var out = "--- \(path)\n+++ \(path) (formatted)\n"
    // Changes closer than twice the context share a hunk.
    let context = 3
    let changed = edits.indices.filter { if case .keep = edits[$0] { false } else { true } }
    var groups: [ClosedRange<Int>] = []
    for c in changed {
      if let last = groups.last, c - last.upperBound <= 2 * context + 1 {
        groups[groups.count - 1] = last.lowerBound...c
      } else {
        groups.append(c...c)
      }
    }
    for g in groups {
      let start = max(0, g.lowerBound - context)
      let end = min(edits.count, g.upperBound + 1 + context)
      let hunk = edits[start..<end]
      let oldStart = edits[..<start].count { if case .insert = $0 { false } else { true } }
      let newStart = edits[..<start].count { if case .remove = $0 { false } else { true } }
      let oldCount = hunk.count { if case .insert = $0 { false } else { true } }
      let newCount = hunk.count { if case .remove = $0 { false } else { true } }
      out += "@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@\n"
      for e in hunk {
        switch e {
        case .keep(let t): out += " " + t + "\n"
        case .remove(let t): out += "-" + t + "\n"
        case .insert(let t): out += "+" + t + "\n"
        }
      }
    }
    return out
  }

  /// The lines of `text`, without their line breaks.
  static func lines(_ text: String) -> [String] {
    var out = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if out.last == "" { out.removeLast() }
    return out
  }

  /// A shortest edit script from `a` to `b`: common prefix and suffix kept, the middle by longest
  /// common subsequence (or replaced whole when it is too large to compare line by line).
  static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    let x = Array(a[prefix..<(a.count - suffix)])
    let y = Array(b[prefix..<(b.count - suffix)])
    var middle: [Edit] = []
    if x.count * y.count > 4_000_000 {
      middle = x.map(Edit.remove) + y.map(Edit.insert)
    } else {
      // lcs[i][j]: the LCS length of x[i...] and y[j...], in one flat array.
      let w = y.count + 1
      var lcs = [Int32](repeating: 0, count: (x.count + 1) * w)
      for i in stride(from: x.count - 1, through: 0, by: -1) {
        for j in stride(from: y.count - 1, through: 0, by: -1) {
          lcs[i * w + j] =
            x[i] == y[j] ? lcs[(i + 1) * w + j + 1] + 1 : max(lcs[(i + 1) * w + j], lcs[i * w + j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < x.count || j < y.count {
        if i < x.count, j < y.count, x[i] == y[j] {
          middle.append(.keep(x[i]))
          i += 1
          j += 1
        } else if i < x.count, j == y.count || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
          middle.append(.remove(x[i]))
          i += 1
        } else {
          middle.append(.insert(y[j]))
          j += 1
        }
      }
    }
    return a[..<prefix].map(Edit.keep) + middle + a[(a.count - suffix)...].map(Edit.keep)
  }
}
