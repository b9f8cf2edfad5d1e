import Foundation
import SegHistory

/// The text `save` prints: which run was stored where, and how its clusters matched the previous
/// run's segments (kept, moved, new, vanished).
struct SaveReport {
  var path: String
  /// The run as stored (names after matching).
  var run: RunRecord
  var saved: SavedRun
  /// The run this one replaced (same as-of date and input), if any.
  var replaced: RunSummary? = nil
  /// The names the session gave the clusters before matching (`name`, `name auto`).
  var fallbackNames: [String]
  /// Customers in no segment (outliers set aside, noise), not stored.
  var unsegmented: Int
  var formatter: TableFormatter

  var text: String {
    let matching = saved.matching
    let k = run.k
    var out =
      "save: run \(saved.id) in '\(path)' (as of \(run.asof)): \(k) segment"
      + "\(k == 1 ? "" : "s"), \(NumberFormatting.count(run.customers.count)) customers\n"
    if let replaced {
      out +=
        "replaced: run \(replaced.id) (saved \(SaveReport.timestamp(replaced.createdAt))), "
        + "as of the same date from the same input\n"
    }
    if unsegmented > 0 {
      out +=
        "not stored: \(NumberFormatting.count(unsegmented)) customers in no segment "
        + "(outliers set aside, noise)\n"
    }
    guard let previous = matching.previousRunID else {
      out += "names: the first run of '\(path)', nothing to match them with\n"
      return out
    }
    if matching.featuresDiffer {
      out += "names: run \(previous) clustered other features, so every segment is new\n"
    } else {
      let t = matching.threshold
      out +=
        "names matched to run \(previous) (a segment keeps its name within "
        + "\(NumberFormatting.format(t)) scaled unit\(t == 1 ? "" : "s")):\n"
      out += formatter.render(cells: matchColumns(previous: previous))
    }
    if !matching.vanished.isEmpty {
      out +=
        "vanished since run \(previous): "
        + matching.vanished.map { "'\($0)'" }.joined(separator: ", ") + "\n"
    }
    return out
  }

  func matchColumns(previous: Int) -> [TableFormatter.CellColumn] {
    let matches = saved.matching.matches
    let names = run.segmentNames
    return [
      TableFormatter.cellColumn("cluster", matches.map { String($0.cluster) }, isNumeric: true),
      TableFormatter.cellColumn("segment", matches.map { names[$0.cluster] }, isNumeric: false),
      TableFormatter.cellColumn(
        "match",
        matches.map {
          switch $0.status {
          case .matched: "kept"
          case .moved: "moved"
          case .new: "new"
          }
        }, isNumeric: false),
      TableFormatter.cellColumn(
        "run \(previous) segment", matches.map(\.previousName), isNumeric: false),
      TableFormatter.cellColumn(
        "distance", matches.map { $0.distance.map(NumberFormatting.format) }, isNumeric: true),
      TableFormatter.cellColumn(
        "note",
        matches.map { m in
          let given = fallbackNames[m.cluster]
          return given == names[m.cluster] ? nil : "named '\(given)' before matching"
        }, isNumeric: false),
    ]
  }

  /// A stored run's time as `runs` shows it, with its zone.
  static func timestamp(_ date: Date) -> String {
    let seconds = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) ?? 0
    return DateValue(secondsSinceEpoch: seconds).format(timeSeparator: " ", includeTime: true)
      + " UTC"
  }

  /// The warning for a cluster whose nearest previous segment is farther than the threshold.
  func flaggedMessage(_ m: SegmentMatch) -> String {
    let previous = saved.matching.previousRunID.map { "run \($0)'s" } ?? "the previous"
    let distance = m.distance.map(NumberFormatting.format) ?? "?"
    return "cluster \(m.cluster) is closest to \(previous) '\(m.previousName ?? "?")' but "
      + "\(distance) scaled units away (threshold \(NumberFormatting.format(saved.matching.threshold))), "
      + "so it does not keep that name and is saved as '\(run.segmentNames[m.cluster])'"
  }
}
