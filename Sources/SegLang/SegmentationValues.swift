import SegCore

/// The built-in values, functions and columns of a segmentation: `clusters`, `customers`,
/// `outliers`, `inertia`, `size("Champions")`, the columns `segment` and `cluster`, ….
enum SegmentationValues {
  static let scalars: [ScalarSpec] = [
    ScalarSpec(
      name: "clusters", summary: "The number of clusters of the fitted model (noise not counted).",
      unavailableHelp: "run cluster first, e.g. cluster k=4"
    ) { ws in ws.model.map { .number(Double($0.k)) } },
    ScalarSpec(
      name: "customers",
      summary: "The number of customers in the customer table (outliers set aside not counted).",
      unavailableHelp: "run rfm first (or load a customer table)"
    ) { ws in ws.customerTable.map { .number(Double($0.rowCount)) } },
    ScalarSpec(
      name: "outliers",
      summary: "The number of customers set aside by filter z<… or iqr<… (0 before any).",
      unavailableHelp: "run rfm first (or load a customer table)"
    ) { ws in
      if let o = ws.outliers { return .number(Double(o.count)) }
      return ws.customerTable != nil ? .number(0) : nil
    },
    ScalarSpec(
      name: "outlier_share",
      summary: "The outliers' share of all customers (0 to 1).",
      unavailableHelp: "run rfm first (or load a customer table)"
    ) { ws in
      guard let t = ws.customerTable else { return nil }
      let n = ws.outliers?.count ?? 0
      return t.rowCount + n > 0 ? .number(Double(n) / Double(t.rowCount + n)) : nil
    },
    ScalarSpec(
      name: "inertia",
      summary: "The k-means inertia (within-cluster sum of squares) of the fitted model.",
      unavailableHelp: "run cluster with method=kmeans first"
    ) { ws in ws.model?.inertia.map(Value.number) },
    ScalarSpec(
      name: "silhouette_score",
      summary: "The mean silhouette of the fitted model (noise left out).",
      unavailableHelp: "run cluster first (the silhouette needs at least 2 clusters)"
    ) { ws in ws.model?.silhouette.map(Value.number) },
    ScalarSpec(
      name: "knee", summary: "The knee of the last elbow (or choose) inertia curve.",
      unavailableHelp: "run elbow or choose first; a curve without a clear bend has no knee"
    ) { ws in ws.sweeps.knee.map { .number(Double($0)) } },
    ScalarSpec(
      name: "recommended_k", summary: "The k recommended by the last choose.",
      unavailableHelp: "run choose first, e.g. choose 2..10"
    ) { ws in ws.sweeps.choice.map { .number(Double($0.recommendedK)) } },
  ]

  static let functions: [FunctionSpec] = [
    FunctionSpec(
      name: "size", signature: "size(SEGMENT)",
      summary:
        "The number of customers in a segment, given by name or cluster id (outliers included when assigned).",
      arity: 1...1
    ) { arguments, call throws(RuntimeError) in
      let segmented = try call.workspace.segmentedCustomers(at: call.expression.nameRange)
      let model = segmented.model
      let label: Int
      switch arguments[0] {
      case .string(let name):
        if let i = model.names.firstIndex(of: name) {
          label = i
        } else if name == SegmentationModel.noiseName {
          label = SegmentationModel.noiseLabel
        } else if name == SegmentationModel.outlierName {
          label = SegmentationModel.outlierLabel
        } else {
          var error = RuntimeError(
            .unknownCluster, "no segment named '\(name)'", at: call.argumentRange(0)
          )
          .withNote("the segments are " + model.names.map { "'\($0)'" }.joined(separator: ", "))
          if let s = EditDistance.suggestion(for: name, among: model.names) {
            error = error.withHelp("did you mean '\(s)'?")
          }
          throw error
        }
      case .number where arguments[0].integer != nil:
        let id = arguments[0].integer ?? 0
        guard
          (0..<model.k).contains(id) || id == SegmentationModel.noiseLabel
            || id == SegmentationModel.outlierLabel
        else {
          throw RuntimeError(
            .unknownCluster, "there is no cluster \(id): the clusters are 0 to \(model.k - 1)",
            at: call.argumentRange(0))
        }
        label = id
      default:
        throw RuntimeError(
          .typeError, "size needs a segment name or a cluster id", at: call.argumentRange(0))
      }
      return .number(Double(segmented.labels.reduce(0) { $0 + ($1 == label ? 1 : 0) }))
    }
  ]

  static let pseudoColumns: [PseudoColumnSpec] = [
    PseudoColumnSpec(
      name: "segment", summary: "Each customer's segment name, once clustered.",
      unavailableHelp: "run cluster first (the current table must be the clustered one)"
    ) { ws in
      guard let m = ws.alignedModel, m.tableName == ws.tableName else { return nil }
      return Column(name: "segment", data: .text(m.labels.map { m.name(ofLabel: $0) }))
    },
    PseudoColumnSpec(
      name: "cluster", summary: "Each customer's cluster id (-1 for dbscan noise), once clustered.",
      unavailableHelp: "run cluster first (the current table must be the clustered one)"
    ) { ws in
      guard let m = ws.alignedModel, m.tableName == ws.tableName else { return nil }
      return Column(name: "cluster", data: .integer(m.labels.map(Int64.init)))
    },
  ]

}
