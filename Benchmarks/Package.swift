// swift-tools-version: 6.1
// seg's micro-benchmarks, on ordo-one/benchmark (`swift package benchmark` in this folder).
//
// A package of its own, so that the root package and CI never build the benchmark framework.
// It depends on the root package by path. Peer comparisons (DuckDB, pandas, scikit-learn,
// openTSNE, lifetimes) stay in scripts/bench*, which time the seg binary beside the peers in
// the same run; these benchmarks track seg's own kernels against a committed baseline
// (.benchmarkBaselines/, `swift package benchmark baseline compare main`).
import PackageDescription

let package = Package(
  name: "SegBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "seg", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "SegBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "SegCore", package: "seg"),
        .product(name: "SegCharts", package: "seg"),
        .product(name: "SegLang", package: "seg"),
      ],
      path: "Benchmarks/SegBenchmarks",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
