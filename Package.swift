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
/// buffers) only ever sees sizes the engine computed from checked tensor shapes, never a number from a
/// file or a request, so it alone drops its overflow checks: measured side by side against `-O`,
/// `-Ounchecked` makes EfficientNet-Lite0 inference 1.11-1.15x and MobileNetV2 1.03-1.12x faster
/// (docs/measurements/2026-12-03-engine-ab.md). Every other module, parsers included, stays at `-O`.
let kernelSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"]),
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
        // Fine-tuning and the local model store are modules of their own.
        .library(name: "Finetune", targets: ["Finetune"]),
        .library(name: "ModelStore", targets: ["ModelStore"]),
        .library(name: "Safetensors", targets: ["Safetensors"]),
        // The parsers of untrusted input as fuzz targets: used by Fuzz/ (libFuzzer) and the regression replay.
        .library(name: "FuzzEntryPoints", targets: ["FuzzEntryPoints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries: a modulemap and a small shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CImageCodecs", pkgConfig: "libpng",
            providers: [.apt(["libturbojpeg0-dev", "libpng-dev", "zlib1g-dev"])]),

        // The strict JSON parser, JSONValue and canonical JSON (Foundation only), re-exported by Manifest.
        .target(name: "StrictJSON", swiftSettings: fuzzCoverage),
        // The one safetensors header parser and encoder (strict), for the engine and the client.
        .target(name: "Safetensors", dependencies: ["StrictJSON"], swiftSettings: fuzzCoverage),

        // The files of a version as Hugging Face tools see them (README, timm config, merged weights),
        // revisions and repo ids, and imports of HF folders: pure (no server, no curl, no BLAS).
        .target(
            name: "HuggingFace",
            dependencies: ["Manifest", "Safetensors", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage),

        // SVG charts from plain values (line charts, confusion matrices, lineage graphs): Foundation only.
        .target(name: "Charts", swiftSettings: fuzzCoverage),

        // The model manifest, references and digests: Foundation only.
        .target(name: "Manifest", dependencies: ["StrictJSON"], swiftSettings: fuzzCoverage),

        // The wire protocol shared by the server and the client: the route table, the error codes and
        // error body, header names and the request/response bodies. Foundation + Manifest only.
        .target(name: "RegistryAPI", dependencies: ["Manifest"], swiftSettings: fuzzCoverage),

        // Content-addressed blob files shared by the registry and the client cache.
        .target(
            name: "ContentStore",
            dependencies: ["Manifest", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage),

        // The engine's inner loops over raw buffers and engine-computed sizes (package access only).
        .target(name: "EngineKernels", dependencies: ["COpenBLAS"], swiftSettings: kernelSettings + fuzzCoverage),

        // The CPU deep-learning engine on OpenBLAS: tensors, layers, models, training; no manifests.
        .target(
            name: "Engine",
            dependencies: ["Safetensors", "EngineKernels", "COpenBLAS", "CImageCodecs"],
            swiftSettings: engineSettings + fuzzCoverage),

        // The local model store (cache, refs, locks, blob files, upload-session files):
        // no curl, no BLAS.
        .target(name: "ModelStore", dependencies: ["Manifest", "ContentStore"], swiftSettings: fuzzCoverage),

        // Fine-tuning on the engine: data sets, strategy advisor, training runs,
        // evaluation, reports and charts, the derived manifest, checkpoint import.
        .target(
            name: "Finetune",
            dependencies: ["Engine", "Manifest", "ContentStore", "ModelStore", "Charts",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage),

        // The registry's web pages: one view model and one Mustache template per page, card markdown
        // rendered safely; templates and assets are embedded in the binary. No database, no HTTP: the
        // server hands it plain values and sends the HTML it returns.
        .target(
            name: "WebPages",
            dependencies: ["Manifest", "Charts",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Ink", package: "Ink")],
            resources: [.embedInCode("Templates"), .embedInCode("Assets")],
            swiftSettings: fuzzCoverage),

        // Blobs in S3-compatible object storage (AWS S3, MinIO, Ceph, moto in the tests) over libcurl,
        // signed with AWS Signature V4; presigned GET URLs with swift-crypto's HMAC.
        .target(
            name: "ObjectStore",
            dependencies: ["ContentStore", "Manifest", "CCurl", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage),

        // The registry server.
        .target(
            name: "HubServer",
            dependencies: [
                "Manifest", "RegistryAPI", "ContentStore", "CSQLite", "HuggingFace", "WebPages", "ObjectStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),  // HTTP1Channel, for EventLoopAnswerChannel
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: fuzzCoverage),

        // The libcurl client and the local cache (the commands are in `hub`; no ArgumentParser here).
        .target(
            name: "HubClient",
            dependencies: ["Manifest", "RegistryAPI", "ContentStore", "ModelStore", "Safetensors", "HuggingFace", "CCurl"],  // no Engine (no OpenBLAS)
            swiftSettings: fuzzCoverage),

        // The one executable: every subcommand (one per file), the shared option groups and the command context.
        .executableTarget(
            name: "hub",
            dependencies: [
                "HubClient", "HubServer", "Engine", "Finetune", "ModelStore", "Manifest", "RegistryAPI", "ContentStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // One entry point per parser of untrusted input, shared by the libFuzzer targets in Fuzz/ and the
        // replay of their regression corpus (Fuzz/regressions) in `make test`.
        .target(name: "FuzzEntryPoints",
                dependencies: ["Manifest", "Engine", "HubServer", "HubClient", "HuggingFace", "ContentStore", "WebPages"],
                swiftSettings: fuzzCoverage),

        // `make bench`: benchmarks of the engine, the registry and the client, as ratios. All benchmark code is here.
        .executableTarget(
            name: "hub-bench",
            dependencies: ["Engine", "EngineKernels", "Finetune", "HubServer", "HubClient", "Manifest", "RegistryAPI",
                           "ContentStore", "ObjectStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: engineSettings),

        // What several test targets share: running the built `hub` binary.
        .target(name: "HubTestSupport", path: "Tests/Support"),
        .testTarget(name: "ManifestTests", dependencies: ["HubTestSupport", "Manifest"]),
        .testTarget(name: "RegistryAPITests", dependencies: ["RegistryAPI", "Manifest"]),
        .testTarget(name: "ContentStoreTests", dependencies: ["ContentStore", "Manifest"]),
        // One suite of the blob store's promises, run against the folder and (HUB_TEST_BLOBS) an S3 bucket.
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore", "ContentStore", "Manifest"]),
        .testTarget(
            name: "EngineTests", dependencies: ["Engine", "EngineKernels", "Safetensors"], exclude: ["Fixtures"],
            swiftSettings: engineSettings),
        .testTarget(name: "HubServerTests",
                    dependencies: ["HubTestSupport", "HubServer", "HubClient", "RegistryAPI", "ContentStore", "Manifest", "HuggingFace",
                                   "ObjectStore", "Safetensors"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntryPoints"]),
        .testTarget(
            name: "HubClientTests",
            dependencies: ["HubTestSupport", "HubClient", "HubServer", "ContentStore", "Manifest", "ModelStore", "Engine", "Safetensors",
                           "HuggingFace", "ObjectStore"]),
        .testTarget(name: "SafetensorsTests", dependencies: ["Safetensors"]),
        .testTarget(name: "WebPagesTests", dependencies: ["WebPages", "Manifest"], exclude: ["Fixtures"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        // The HuggingFace module; Engine only to check its group and name tables against the networks.
        .testTarget(name: "HuggingFaceTests", dependencies: ["HuggingFace", "Manifest", "Safetensors", "Engine"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ModelStoreTests", dependencies: ["ModelStore", "ContentStore", "Manifest"]),
        .testTarget(
            name: "FinetuneTests",
            dependencies: ["HubTestSupport", "Finetune", "Engine", "ModelStore", "HubClient", "HubServer", "ContentStore", "Manifest"]),
        // The `hub` command: its option checks and output, partly through the built binary.
        .testTarget(name: "CommandTests", dependencies: ["HubTestSupport", "hub", "HubClient", "Finetune", "Engine", "Manifest"]),
        // hub-bench's registry and client benchmarks at tiny sizes.
        .testTarget(name: "BenchmarkTests", dependencies: ["hub-bench", "HubServer"], swiftSettings: engineSettings),
    ],
    swiftLanguageModes: [.v6]
)
