/// Colour-blind-safe colours for segments, shared by every chart so a segment keeps its colour.
///
/// The first eight are the Okabe–Ito palette (distinguishable under the common forms of colour
/// blindness), reordered so that the first few are the most distinct; the rest extend it with
/// Paul Tol's "muted" scheme.
public enum Palette {
  public static let segments: [String] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
  ]

  /// The colour for outliers and noise: a neutral grey, never a segment colour.
  public static let outlier = "#9E9E9E"

  /// The colour of segment `index`, cycling when there are more segments than colours.
  public static func color(forSegment index: Int) -> String {
    index < 0 ? outlier : segments[index % segments.count]
  }
}
