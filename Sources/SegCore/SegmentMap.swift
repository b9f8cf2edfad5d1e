/// The segment name of every RFM code `111` … `555`: a complete lookup, held as data.
///
/// The standard map (``standard``) places customers on a grid of R against FM, where
/// FM = ⌈(F + M) / 2⌉, the rounded-up mean of the frequency and monetary scores:
///
/// ```
///          FM=1               FM=2                         FM=3                         FM=4              FM=5
/// R=5  Recent Customers   Potential Loyalist           Potential Loyalist           Champions         Champions
/// R=4  Promising          Potential Loyalist           Loyal Customers              Champions         Champions
/// R=3  About To Sleep     Customers Needing Attention  Customers Needing Attention  Loyal Customers   Loyal Customers
/// R=2  Hibernating        Hibernating                  At Risk                      At Risk           Can't Lose Them
/// R=1  Lost               Lost                         At Risk                      Can't Lose Them   Can't Lose Them
/// ```
///
/// A user map is a CSV with the columns `code,segment` and exactly one row for each of the 125
/// codes (``init(csv:)``); ``csvText`` writes a map in that form, so the standard map can be
/// exported, edited and loaded back.
public struct SegmentMap: Sendable, Equatable {
  /// Segment names by code index `(r - 1) * 25 + (f - 1) * 5 + (m - 1)`.
  public private(set) var segments: [String]

  /// The eleven standard segments, best first.
  public static let standardSegmentNames = [
    "Champions", "Loyal Customers", "Potential Loyalist", "Recent Customers", "Promising",
    "Customers Needing Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Hibernating",
    "Lost",
  ]

  /// The standard grid, rows R = 5…1, columns FM = 1…5.
  static let standardGrid: [[String]] = [
    ["Recent Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
    ["Promising", "Potential Loyalist", "Loyal Customers", "Champions", "Champions"],
    [
      "About To Sleep", "Customers Needing Attention", "Customers Needing Attention",
      "Loyal Customers", "Loyal Customers",
    ],
    ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    ["Lost", "Lost", "At Risk", "Can't Lose Them", "Can't Lose Them"],
  ]

  /// The standard 11-segment map (see the type's discussion).
  public static let standard: SegmentMap = {
    var segments: [String] = []
    for r in 1...5 {
      for f in 1...5 {
        for m in 1...5 {
          segments.append(standardGrid[5 - r][(f + m + 1) / 2 - 1])
        }
      }
    }
    return SegmentMap(segments: segments)
  }()

  init(segments: [String]) { self.segments = segments }

  // MARK: The R × F grid of logs without money

  /// The segment of each R × F code of a log without money, by index `(r - 1) * 5 + (f - 1)`:
  /// the standard grid with F in place of FM (docs/rfm.md, "Logs without money").
  ///
  /// ```
  ///          F=1                F=2                          F=3                          F=4               F=5
  /// R=5  Recent Customers   Potential Loyalist           Potential Loyalist           Champions         Champions
  /// R=4  Promising          Potential Loyalist           Loyal Customers              Champions         Champions
  /// R=3  About To Sleep     Customers Needing Attention  Customers Needing Attention  Loyal Customers   Loyal Customers
  /// R=2  Hibernating        Hibernating                  At Risk                      At Risk           Can't Lose Them
  /// R=1  Lost               Lost                         At Risk                      Can't Lose Them   Can't Lose Them
  /// ```
  public static let recencyFrequency: [String] = (1...5).flatMap { r in
    (1...5).map { f in standardGrid[5 - r][f - 1] }
  }

  /// The index of an R × F code, each score 1…5.
  @inline(__always)
  public static func recencyFrequencyIndex(r: Int, f: Int) -> Int { (r - 1) * 5 + (f - 1) }

  /// All 25 R × F codes in index order, `11` first.
  public static let recencyFrequencyCodes: [String] = (0..<25).map { "\($0 / 5 + 1)\($0 % 5 + 1)" }

  /// The distinct segment names of the R × F grid, from code `55` down to `11`.
  public static let recencyFrequencyNames: [String] = {
    var seen = Set<String>()
    return recencyFrequency.reversed().filter { seen.insert($0).inserted }
  }()

  /// The index of a code's scores, each 1…5.
  @inline(__always)
  public static func index(r: Int, f: Int, m: Int) -> Int { (r - 1) * 25 + (f - 1) * 5 + (m - 1) }

  /// The code text of an index: `"545"`.
  public static func code(ofIndex i: Int) -> String { "\(i / 25 + 1)\(i / 5 % 5 + 1)\(i % 5 + 1)" }

  /// All 125 codes in index order, `111` first.
  public static let allCodes: [String] = (0..<125).map(code(ofIndex:))

  /// The segment of scores r, f, m (each 1…5).
  public func segment(r: Int, f: Int, m: Int) -> String {
    segments[SegmentMap.index(r: r, f: f, m: m)]
  }

  /// The segment of a code such as `"545"`, or `nil` when it is not a code.
  public func segment(code: String) -> String? {
    SegmentMap.allCodes.firstIndex(of: code).map { segments[$0] }
  }

  /// The distinct segment names in order of first appearance from code `555` down to `111`
  /// (best segments first for the standard map).
  public var segmentNames: [String] {
    var seen = Set<String>()
    return segments.reversed().filter { seen.insert($0).inserted }
  }

  /// The map as CSV: `code,segment` then 125 rows in code order.
  public var csvText: String {
    var lines = ["code,segment"]
    for (i, s) in segments.enumerated() {
      lines.append(SegmentMap.code(ofIndex: i) + "," + CSVWriter.quoted(s))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads a map from CSV text with the columns `code` and `segment`.
  ///
  /// - Throws: ``SegmentMapError`` when a column is missing, a code is not three digits 1–5,
  ///   a code appears twice, a code is missing, or a segment name is empty.
  public init(csv: String, name: String = "<segment map>") throws(SegmentMapError) {
    let loaded: LoadedTable
    do {
      loaded = try TableLoader.load(text: csv, name: name)
    } catch {
      throw SegmentMapError(message: "cannot read the segment map: \(error.description)")
    }
    let table = loaded.table
    guard let codeColumn = table.columns.first(where: { ColumnRole.normalized($0.name) == "code" }),
      let segmentColumn = table.columns.first(where: { ColumnRole.normalized($0.name) == "segment" }
      )
    else {
      throw SegmentMapError(
        message: "a segment map needs the columns code and segment; found: "
          + table.columnNames.joined(separator: ", ")
      )
    }
    var segments = [String?](repeating: nil, count: 125)
    for row in 0..<table.rowCount {
      let codeText: String?
      switch codeColumn.data {
      case .integer(let v): codeText = v[row] == Column.missingInteger ? nil : String(v[row])
      default: codeText = codeColumn.text(at: row)
      }
      guard let codeText, let index = SegmentMap.allCodes.firstIndex(of: codeText.trimmingSpaces)
      else {
        throw SegmentMapError(
          message:
            "row \(row + 1): '\(codeText ?? "")' is not an RFM code (three digits, each 1 to 5)"
        )
      }
      guard let segment = segmentColumn.text(at: row)?.trimmingSpaces, !segment.isEmpty else {
        throw SegmentMapError(message: "row \(row + 1): code \(codeText) has no segment name")
      }
      if segments[index] != nil {
        throw SegmentMapError(message: "code \(codeText) appears more than once")
      }
      segments[index] = segment
    }
    let missing = segments.indices.filter { segments[$0] == nil }.map(SegmentMap.code(ofIndex:))
    if !missing.isEmpty {
      throw SegmentMapError(
        message: "the segment map lacks \(missing.count) of the 125 codes: "
          + missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
      )
    }
    self.segments = segments.compactMap { $0 }
  }
}

/// A segment map file that cannot be used.
public struct SegmentMapError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong with the map.
  public var message: String
  /// The message.
  public var description: String { message }
}
