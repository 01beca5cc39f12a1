// swift-tools-version:6.2
// The libFuzzer targets: one executable per parser of untrusted input, each a one-line call into
// FuzzEntryPoints (the root package's library, also replayed by `make test`). Built only by `make fuzz`:
//   HUB_FUZZ_COVERAGE=1 swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
//     --sanitize fuzzer --sanitize address
// (HUB_FUZZ_COVERAGE adds the coverage instrumentation to hub's own modules, see the root Package.swift.)
import PackageDescription

// SwiftPM names a path dependency after its folder: `hub` is a symbolic link to the root package, so the
// name is the same whatever the checkout's folder is called (and never this package's own, `fuzz`).

let targetNames = [
    "manifest", "reference", "safetensors-header", "safetensors-file", "client-safetensors-header",
    "pytorch-checkpoint", "pickle", "zip", "png", "jpeg", "idx", "search-query",
    "hf-path", "hf-query", "hf-commit", "hf-preupload", "hf-lfs-batch", "hf-form", "hf-signed-upload", "hf-revision",
    "model-card", "timm-config", "timm-import", "pulled-folder-import", "card-markdown",
]

let package = Package(
    name: "hub-fuzz",
    dependencies: [.package(path: "hub")],
    targets: targetNames.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: [.product(name: "FuzzEntryPoints", package: "hub")],
            path: "Targets/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])])
    },
    swiftLanguageModes: [.v6]
)
