// swift-tools-version:6.2
import PackageDescription

/// Numeric code is 40-170x slower without optimisation, so the engine is always optimised,
/// also in debug builds (tests run training loops). `-O`, not `-Ounchecked`: the engine parses
/// untrusted files (checkpoints, images, IDX), and `-Ounchecked` would remove the overflow checks and
/// preconditions those parsers rely on.
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-O"]),
]

/// EngineKernels (BLAS, Winograd, im2col, depthwise, batch-norm and element-wise loops over raw
/// buffers) only ever sees sizes the engine computed, never a number from a file or a request, so it
/// could drop its overflow checks with `-Ounchecked`; the A/B run in
/// docs/measurements/2026-12-03-engine-ab.md showed no gain above the noise, so it stays at `-O`.
let kernelSettings: [SwiftSetting] = [
    .unsafeFlags(["-O"]),
]

/// `make fuzz` sets HUB_FUZZ_COVERAGE: hub's own modules then also get libFuzzer's coverage instrumentation
/// (given `--sanitize fuzzer --sanitize address`, SwiftPM hands swiftc only the last sanitizer). Unset: nothing.
let fuzzCoverage: [SwiftSetting] = Context.environment["HUB_FUZZ_COVERAGE"] == nil
    ? [] : [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "hub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hub", targets: ["hub"]),
        .library(name: "Manifest", targets: ["Manifest"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "HubServer", targets: ["HubServer"]),
        .library(name: "HubClient", targets: ["HubClient"]),
        // The parsers of untrusted input as fuzz targets: used by Fuzz/ (libFuzzer) and the regression replay.
        .library(name: "FuzzEntryPoints", targets: ["FuzzEntryPoints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries: a modulemap and a small shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CImageCodecs", pkgConfig: "libpng",
            providers: [.apt(["libturbojpeg0-dev", "libpng-dev", "zlib1g-dev"])]),

        // The model manifest, references and digests: Foundation only.
        .target(name: "Manifest", swiftSettings: fuzzCoverage),

        // Content-addressed blob files shared by the registry and the client cache.
        .target(
            name: "ContentStore",
            dependencies: ["Manifest", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage),

        // The engine's inner loops over raw buffers and engine-computed sizes (package access only).
        .target(name: "EngineKernels", dependencies: ["COpenBLAS"], swiftSettings: kernelSettings + fuzzCoverage),

        // The CPU deep-learning engine on OpenBLAS.
        .target(
            name: "Engine",
            dependencies: ["Manifest", "EngineKernels", "COpenBLAS", "CImageCodecs"],
            swiftSettings: engineSettings + fuzzCoverage),

        // The registry server.
        .target(
            name: "HubServer",
            dependencies: [
                "Manifest", "ContentStore", "CSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fuzzCoverage),

        // The libcurl client, the local cache and the client commands.
        .target(
            name: "HubClient",
            dependencies: [
                "Manifest", "ContentStore", "Engine", "CCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fuzzCoverage),

        // The one executable: thin, it only assembles the subcommands.
        .executableTarget(
            name: "hub",
            dependencies: [
                "HubClient", "HubServer", "Engine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // One entry point per parser of untrusted input, shared by the libFuzzer targets in Fuzz/ and the
        // replay of their regression corpus (Fuzz/regressions) in `make test`.
        .target(name: "FuzzEntryPoints", dependencies: ["Manifest", "Engine", "HubServer", "HubClient"],
                swiftSettings: fuzzCoverage),

        // `make bench`: benchmarks of the engine, the registry and the client, as ratios.
        .executableTarget(
            name: "hub-bench",
            dependencies: ["Engine", "EngineKernels", "HubServer", "HubClient"],
            swiftSettings: engineSettings),

        .testTarget(name: "ManifestTests", dependencies: ["Manifest"]),
        .testTarget(name: "ContentStoreTests", dependencies: ["ContentStore", "Manifest"]),
        .testTarget(
            name: "EngineTests", dependencies: ["Engine", "EngineKernels", "Manifest"], exclude: ["Fixtures"],
            swiftSettings: engineSettings),
        .testTarget(name: "HubServerTests", dependencies: ["HubServer", "HubClient", "ContentStore", "Manifest"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntryPoints"]),
        .testTarget(name: "HubClientTests", dependencies: ["HubClient", "HubServer", "ContentStore", "Manifest"]),
    ],
    swiftLanguageModes: [.v6]
)
