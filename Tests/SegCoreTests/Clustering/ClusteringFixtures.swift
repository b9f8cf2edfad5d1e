import Foundation
import SegCore

/// The inputs and scikit-learn answers written by `scripts/oracle_sklearn.py`.
struct ClusteringOracle: Decodable {
  struct Standard: Decodable {
    let mean: [Double]
    let scale: [Double]
    let first_rows: [Double]
    let column_sum_squares: [Double]
  }
  struct Robust: Decodable {
    let center: [Double]
    let scale: [Double]
  }
  struct MinMax: Decodable {
    let min: [Double]
    let max: [Double]
  }
  struct Quartiles: Decodable {
    let q1: [Double]
    let q3: [Double]
  }
  struct Fit: Decodable {
    let k: Int
    let init_rows: [Int]
    let labels: [Int]
    let inertia: Double
    let n_iter: Int
    let centres: [Double]
    let silhouette: Double
    let calinski_harabasz: Double
    let davies_bouldin: Double
  }
  struct LabelPair: Decodable {
    let a: [Int]
    let b: [Int]
    let ari: Double
  }
  struct PCA: Decodable {
    let explained_variance: [Double]
    let explained_variance_ratio: [Double]
    let components: [Double]
    let first_rows_transformed: [Double]
  }
  struct PlusPlus: Decodable {
    let ks: [Int]
    let best_inertia_n_init_10: [Double]
    let inertia_n_init_1: [Double]
    let knee_n_init_10: Double?
  }
  struct Dataset: Decodable {
    let name: String
    let features: [String]
    let transform: String?
    let rows: Int
    let standard: Standard
    let robust: Robust
    let minmax: MinMax
    let zscore3_removed_rows: [Int]
    let iqr1_5_removed_rows: [Int]
    let quartiles: Quartiles
    let kmeans_from_centres: [Fit]
    let ari_pairs: [LabelPair]
    let pca: PCA
    let kmeanspp: PlusPlus
  }
  struct Curve: Decodable {
    let x: [Double]
    let y: [Double]
    let knee: Double?
  }
  let rfm_customers: Int
  let datasets: [Dataset]
  let knee_curves: [Curve]
  let ari_small: [LabelPair]

  static let shared: ClusteringOracle = {
    do {
      let data = try Data(contentsOf: fixtureURL("oracle.json"))
      return try JSONDecoder().decode(ClusteringOracle.self, from: data)
    } catch {
      fatalError("cannot read clustering oracle: \(error)")
    }
  }()

  static func fixtureURL(_ name: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/clustering/\(name)")
  }

  func dataset(_ name: String) -> Dataset {
    guard let d = datasets.first(where: { $0.name == name }) else {
      fatalError("no dataset \(name)")
    }
    return d
  }

  /// The raw feature matrix of a dataset, read from its fixture CSV (transform not applied).
  static func rawMatrix(_ dataset: Dataset) throws -> FeatureMatrix {
    let file = dataset.name.hasPrefix("rfm") ? "rfm.csv" : "\(dataset.name).csv"
    let table = try NumericCSV.read(fixtureURL(file))
    return try FeatureMatrix(table: table, columns: dataset.features)
  }

  /// The matrix the oracle clustered: transformed as the dataset says, then standardized.
  static func scaledMatrix(_ dataset: Dataset) throws -> FeatureMatrix {
    var m = try rawMatrix(dataset)
    if dataset.transform == "signedlog" { m = try m.transformed(.signedLog) }
    return try m.scaled(.standard).matrix
  }

  /// The rows of `matrix` at `rows`, flat.
  static func rows(_ matrix: FeatureMatrix, _ rows: [Int]) -> [Double] {
    rows.flatMap { matrix.row($0) }
  }
}

/// A minimal reader for the numeric fixture CSVs (header line, comma-separated numbers).
enum NumericCSV {
  struct Failure: Error { let message: String }

  static func read(_ url: URL) throws -> Table {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard !lines.isEmpty else { throw Failure(message: "empty file") }
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var columns = [[Double]](repeating: [], count: header.count)
    for line in lines {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == header.count else { throw Failure(message: "bad line \(line)") }
      for (j, f) in fields.enumerated() {
        guard let v = Double(f) else { throw Failure(message: "bad number \(f)") }
        columns[j].append(v)
      }
    }
    return Table(columns: zip(header, columns).map { Column(name: $0, data: .decimal($1)) })
  }
}

/// Relative closeness with an absolute floor, for comparing against oracle values.
func close(_ a: Double, _ b: Double, rel: Double = 1e-9, abs: Double = 1e-12) -> Bool {
  (a - b).magnitude <= max(abs, rel * max(a.magnitude, b.magnitude))
}
