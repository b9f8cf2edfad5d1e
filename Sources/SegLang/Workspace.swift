public import SegCore
public import SegCharts
public import SegHistory
package import SegWarehouse

/// Everything a script builds up: the current table, named tables, variables and settings.
///
/// A value type: commands take it `inout` through ``ExecutionContext/workspace`` and replace
/// what they change. Features that need more state add a stored property here, with a default
/// value, under their own `// MARK:` (fitted models, segment names, the last elbow result).
public struct Workspace: Sendable, Equatable {
  // MARK: Tables

  /// The table commands work on (`show`, `filter`, ...). Empty until something is loaded.
  public var table: Table = .empty
  /// The name of the current table (`transactions`, `customers`), or `nil` before any is loaded.
  public var tableName: String?
  /// Named tables kept for later (`transactions`, `customers`, `outliers`, `removed`).
  public var tables: [String: Table] = [:]
  /// Tables loaded with `load "FILE" as NAME`, by name: kept beside the current table for `join`,
  /// and carried over by a later `load`.
  public var keptTables: [String: KeptTable] = [:]
  /// The transaction log when `load` streamed it (a file over the streaming threshold): its
  /// report and RFM sums. Its rows are read from the file again only when a command needs them.
  public var streamed: StreamedTransactions? = nil
  /// A transaction log in a database (`load "postgresql://..."`): its schema and counts, no rows.
  package var warehouse: WarehouseLog? = nil
  /// The SQL statements the last command that used the database ran (`show sql`).
  public var lastSQL: [String] = []

  // MARK: Variables

  /// Session variables (`set`) and parameters (`param`), read as `$name`.
  public var variables: [String: Value] = [:]
  /// Names of the variables that came from `param`, in declaration order.
  public var parameterNames: [String] = []

  // MARK: Data provenance

  /// The file the data came from (path as written, SHA-256, load report, roles); `nil` before
  /// `load`.
  public var provenance: DataProvenance?

  // MARK: RFM

  /// The accounting of the last `rfm`: the effective asof (``RFMReport/asOf``, seconds since the
  /// epoch) and how it was chosen, rows used and set aside; `nil` before `rfm`.
  public var rfm: RFMReport?
  /// The segment map the last `rfm` used (for `export sql`).
  public var rfmSegmentMap: SegmentMap = .standard

  // MARK: Row accounting

  /// Every step that dropped or set aside rows, in order: `load`, `rfm`, `filter …`. Each entry
  /// has the step, rows in, rows out and a note.
  public var rowAccounting: [RowAccountingStep] = []

  // MARK: Features, transform and scaling

  /// The clustering features (`cols=`), the transform, the fitted scaler and the scaled matrix.
  public var features = FeatureState()

  // MARK: Outliers

  /// Customers set aside by `filter z<3` / `filter iqr<1.5` (the rows of table `outliers`), or
  /// `nil` when no outlier filter ran.
  public var outliers: OutlierState?

  /// Customers removed from the customer table by other filters (`filter monetary > 0`), in
  /// order: `export` still writes them, with an empty segment and the filter as their status.
  public var filteredCustomers: [FilteredCustomers] = []

  // MARK: k sweeps

  /// Results of `elbow`, `silhouette` and `choose`.
  public var sweeps = KSweepState()

  // MARK: Segmentation model

  /// The fitted clusters, centroids and segment names; `nil` before `cluster`.
  public var model: SegmentationModel?

  // MARK: Customer lifetime value

  /// The last `clv`: the calibration summary, the fits, the predictions and the holdout
  /// comparison; `nil` before `clv`. `plot clv`, `export clv` and the report read it.
  public var clv: CLVResult?

  // MARK: Embeddings

  /// The last `pca` projection.
  public var pca: Embedding?
  /// The last `tsne` embedding.
  public var tsne: Embedding?

  // MARK: Output

  /// How `show` and `head` print tables unless told otherwise.
  public var tableFormat: TableFormat = .table

  // MARK: History

  /// The last migration between two runs of a history file (`compare`): the migration matrix,
  /// arrivals, leavers and per-segment changes. `nil` until `compare` found two runs to compare;
  /// `moved(…)`, `plot migration` and the report's migration section read it.
  public var comparison: RunComparison?
  /// The run `save` stored last in this session: its id and how its clusters matched the run
  /// before it (new, moved and vanished segments). `nil` until `save` ran.
  public var savedRun: SavedRun?
  /// The history file this session last saved to or read (`save`, `compare`, `runs`); `compare`
  /// and `runs` use it when not given `from=`. `nil` until one of them ran.
  public var historyPath: String?
  /// Whether the last `compare` found the current run to be the first of its history (nothing to
  /// compare with: `true`) or compared it (`false`); `nil` before `compare`. The value
  /// `firstrun`.
  public var isFirstRun: Bool?

  /// An empty session.
  public init() {}

  /// Whether a table has been loaded (or built) yet.
  public var hasTable: Bool { tableName != nil || !table.columns.isEmpty }

  /// The seed for random steps: `$seed` when set, else ``SeededGenerator/defaultSeed``.
  public var seed: UInt64 {
    if let n = variables["seed"]?.integer, n >= 0 { return UInt64(n) }
    return SeededGenerator.defaultSeed
  }

  /// A generator seeded from ``seed``. Each call starts the same stream, so a step gives the same
  /// result however often it runs.
  public func makeGenerator() -> SeededGenerator { SeededGenerator(seed: seed) }

  /// Makes `table` current under `name`, keeping it in ``tables`` too.
  public mutating func setCurrentTable(_ table: Table, name: String) {
    self.table = table
    self.tableName = name
    tables[name] = table
  }
}

/// A transaction log that `load` streamed instead of keeping in memory.
public final class StreamedTransactions: Sendable, Equatable {
  public let log: StreamedLog
  public let input: FileInput
  /// The name errors give the file.
  public let name: String
  public let options: LoadOptions

  public init(log: StreamedLog, input: FileInput, name: String, options: LoadOptions) {
    self.log = log
    self.input = input
    self.name = name
    self.options = options
  }

  public static func == (a: StreamedTransactions, b: StreamedTransactions) -> Bool { a === b }
}
