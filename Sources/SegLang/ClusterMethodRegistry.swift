import SegCore

/// How `cluster method=NAME` builds one of SegCore's ``ClusterMethod``s from the command's
/// options. Adding a method to the language is one entry in ``Commands/clusterMethods``.
struct ClusterMethodEntry: Sendable {
  /// The SegCore method.
  let method: any ClusterMethod.Type
  /// The options of `cluster` this method reads besides `k` and `seed`; the others it is given
  /// are ignored with a warning.
  let options: [String]
  /// The method's settings from the arguments; `k` is the checked number of clusters when the
  /// method takes one (2 otherwise).
  let make: @Sendable (CommandArguments, ExecutionContext, Int) throws(RuntimeError) -> any ClusterMethod

  /// The name `method=` takes.
  var name: String { method.name }
}

extension Commands {
  /// Every method of `cluster`, the default first.
  static let clusterMethods: [ClusterMethodEntry] = [
    ClusterMethodEntry(method: KMeansMethod.self, options: ["n_init"]) {
      arguments, context, k throws(RuntimeError) in
      KMeansMethod(k: k, restarts: try context.restarts(arguments))
    },
    ClusterMethodEntry(method: WardMethod.self, options: []) { _, _, k in WardMethod(k: k) },
    ClusterMethodEntry(method: DBSCANMethod.self, options: ["eps", "min_samples"]) {
      arguments, _, _ throws(RuntimeError) in
      let minSamples = arguments.int("min_samples") ?? DBSCANClustering.defaultMinSamples
      guard minSamples >= 1 else {
        throw RuntimeError(
          .invalidValue, "min_samples must be at least 1", at: arguments.range(of: "min_samples"))
      }
      let eps = arguments.number("eps")
      if let e = eps, !(e > 0 && e.isFinite) {
        throw RuntimeError(
          .invalidValue, "eps must be a positive distance", at: arguments.range(of: "eps")
        )
        .withHelp("leave eps out to have it suggested from the k-distance curve")
      }
      return DBSCANMethod(eps: eps, minSamples: minSamples)
    },
    ClusterMethodEntry(method: GaussianMixtureMethod.self, options: ["n_init"]) {
      arguments, context, k throws(RuntimeError) in
      GaussianMixtureMethod(k: k, restarts: try context.restarts(arguments, default: 1))
    },
    ClusterMethodEntry(method: MiniBatchKMeansMethod.self, options: ["n_init", "batch_size"]) {
      arguments, context, k throws(RuntimeError) in
      let batchSize = arguments.int("batch_size") ?? 1024
      guard batchSize >= 1 else {
        throw RuntimeError(
          .invalidValue, "batch_size must be at least 1", at: arguments.range(of: "batch_size"))
      }
      return MiniBatchKMeansMethod(
        k: k, batchSize: batchSize, restarts: try context.restarts(arguments, default: 3))
    },
  ]

  /// The entry of method `name`, or `nil`.
  static func clusterMethod(named name: String) -> ClusterMethodEntry? {
    clusterMethods.first { $0.name == name }
  }

  /// The options only some methods read (each entry's ``ClusterMethodEntry/options``).
  static var methodOptions: [String] {
    var seen = [String]()
    for entry in clusterMethods { for o in entry.options where !seen.contains(o) { seen.append(o) } }
    return seen
  }
}
