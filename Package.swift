// swift-tools-version: 6.2
import PackageDescription

// Warnings are errors for our own targets only, and only when asked for (scripts/check.sh sets
// SEG_WERROR=1). Unconditional -warnings-as-errors would also hit dependencies and break builds on
// newer compilers that add warnings; WasmKit's Package.swift makes the same argument.
let werror = Context.environment["SEG_WERROR"] == "1"

let swiftSettings: [SwiftSetting] =
  [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
  ] + (werror ? [.treatAllWarnings(as: .error)] : [])

// The git commit `seg --version` prints: $SEG_GIT_COMMIT when set (scripts/install sets it from
// `git describe`), else the checkout's commit, else "unknown" (a build from a source archive). It
// depends only on the sources' commit, so builds of one commit stay byte-identical. Only the
// characters of a commit name pass into the C define.
let gitCommit: String = {
  let raw =
    Context.environment["SEG_GIT_COMMIT"]
    ?? Context.gitInformation.map { String($0.currentCommit.prefix(12)) } ?? "unknown"
  let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-._")
  let clean = String(raw.filter { allowed.contains($0) }.prefix(64))
  return clean.isEmpty ? "unknown" : clean
}()

let package = Package(
  name: "seg",
  products: [
    .executable(name: "seg", targets: ["seg"]),
    .library(name: "SegCore", targets: ["SegCore"]),
    // For Benchmarks/, a package of its own that depends on this one by path.
    .library(name: "SegCharts", targets: ["SegCharts"]),
    .library(name: "SegLang", targets: ["SegLang"]),
  ],
  dependencies: [
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
  ],
  targets: [
    // MARK: - Public API

    /// Tables, CSV codec, RFM, scaling, clustering and validity indices. No terminal, no globals,
    /// no unseeded randomness.
    .target(
      name: "SegCore",
      dependencies: ["CZlib"],
      swiftSettings: swiftSettings
    ),
    /// SVG and terminal rendering of SegCore results: values in, String out.
    .target(
      name: "SegCharts",
      dependencies: ["SegCore"],
      swiftSettings: swiftSettings
    ),
    /// Segment history: runs saved to an SQLite file (through GRDB), stable names across
    /// refreshes, migration matrices between runs.
    .target(
      name: "SegHistory",
      dependencies: ["SegCore", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: swiftSettings
    ),
    /// Transaction logs in databases: PostgreSQL through libpq (connection strings, schema, RFM
    /// pushed down as SQL, COPY OUT) and the RFM query for PostgreSQL, DuckDB, Spark SQL and
    /// SQLite. No terminal and no language syntax, like SegCore.
    .target(
      name: "SegWarehouse",
      dependencies: ["SegCore", "CLibPQ"],
      swiftSettings: swiftSettings
    ),
    /// The command language: tokens, lexer, AST, parser, diagnostics, registry, interpreter.
    .target(
      name: "SegLang",
      dependencies: ["SegCore", "SegCharts", "SegHistory", "SegWarehouse"],
      swiftSettings: swiftSettings
    ),
    /// The script runner and the REPL: real files, terminals, colour decisions, exit codes.
    .target(
      name: "SegShell",
      dependencies: ["SegLang", "SegHistory", "SegWarehouse", "CLibEdit", "CBuildInfo"],
      swiftSettings: swiftSettings
    ),
    /// The thin `seg` executable.
    .executableTarget(
      name: "seg",
      dependencies: ["SegShell"],
      swiftSettings: swiftSettings
    ),

    // MARK: - Implementation details

    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .systemLibrary(
      name: "CLibPQ",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    /// The commit seg was built from, as a C string (set by the manifest; C defines carry values,
    /// Swift's do not).
    .target(
      name: "CBuildInfo",
      cSettings: [.define("SEG_GIT_COMMIT", to: "\"\(gitCommit)\"")]
    ),
    .target(
      name: "SegTestSupport",
      dependencies: ["SegLang", "SegHistory"],
      swiftSettings: swiftSettings
    ),

    // MARK: - Tests

    .testTarget(
      name: "SegCoreTests",
      dependencies: [
        "SegCore", "SegTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegChartsTests",
      dependencies: ["SegCharts", "SegTestSupport"],
      resources: [.copy("Golden")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegHistoryTests",
      dependencies: [
        "SegHistory", "SegCore",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegLangTests",
      dependencies: [
        "SegLang", "SegHistory", "SegTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegWarehouseTests",
      dependencies: [
        "SegWarehouse", "SegCore", "SegLang", "SegTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegShellTests",
      dependencies: ["SegShell", "SegHistory", "SegTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SegEndToEndTests",
      dependencies: ["SegHistory", "SegTestSupport"],
      exclude: ["Shapes"],
      resources: [.copy("Scripts")],
      swiftSettings: swiftSettings
    ),
  ]
)
