import ArgumentParser

/// `--cache DIR`: the local model cache; overrides `HUB_CACHE` and the config file written by `hub login`.
struct CacheOptions: ParsableArguments {
    /// `--cache DIR`.
    @Option(name: .long, help: ArgumentHelp("Cache directory (default: $HUB_CACHE or ~/.cache/hub).", valueName: "dir"))
    var cache: String?
}
