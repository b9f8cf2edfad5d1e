/// Everything the HTML report shows; `renderHTML()` turns it into one self-contained page.
///
/// Sections appear in this order, each only when it has content: provenance (always), data
/// quality and row accounting, feature distributions, the choice of k, segment profiles,
/// migration, further figures, notes. All text is escaped; charts are inline SVG.
public struct ReportDocument: Sendable, Equatable {
  /// The page title and main heading.
  public var title: String
  /// Where the result came from: input, seed, version, script.
  public var provenance: ReportProvenance
  /// Data-quality tables (missing values, cancellations, negative quantities, ...).
  public var dataQuality: [ReportTable]
  /// How many rows each cleaning step kept and removed, in order.
  public var rowAccounting: [RowAccountingStep]
  /// Charts of the feature distributions (boxplots, histograms).
  public var distributions: [ReportFigure]
  /// How k was chosen.
  public var kChoice: KChoiceSection?
  /// The segments: profile table, suggested actions and charts.
  public var segments: SegmentSection?
  /// Movement between this run and an earlier one.
  public var migration: MigrationSection?
  /// Any further charts.
  public var figures: [ReportFigure]
  /// Free-text remarks, printed as a list at the end.
  public var notes: [String]

  public init(
    title: String = "Customer segmentation report", provenance: ReportProvenance,
    dataQuality: [ReportTable] = [], rowAccounting: [RowAccountingStep] = [],
    distributions: [ReportFigure] = [], kChoice: KChoiceSection? = nil,
    segments: SegmentSection? = nil, migration: MigrationSection? = nil,
    figures: [ReportFigure] = [], notes: [String] = []
  ) {
    self.title = title
    self.provenance = provenance
    self.dataQuality = dataQuality
    self.rowAccounting = rowAccounting
    self.distributions = distributions
    self.kChoice = kChoice
    self.segments = segments
    self.migration = migration
    self.figures = figures
    self.notes = notes
  }
}
