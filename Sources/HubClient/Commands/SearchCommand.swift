import ArgumentParser
import Foundation
import RegistryAPI

/// `hub search`: Search the registry by text, domain, architecture, task, licence or metric.
public struct SearchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the registry by text, domain, architecture, task, licence or metric.",
        discussion: "Prints one line per model: name, architecture, domain, task, headline metric, downloads "
            + "and parent. Example: hub search xray --domain medical --min accuracy=0.9 --sort downloads")

    /// Free text.
    @Argument(help: "Words to look for in names, descriptions, domains, labels and data sets (empty: every model).")
    public var query: [String] = []
    /// `--domain`.
    @Option(help: ArgumentHelp("A domain tag the model must have (repeatable).", valueName: "tag"))
    public var domain: [String] = []
    /// `--arch`.
    @Option(help: ArgumentHelp("Architecture family or variant, e.g. resnet or resnet50.", valueName: "name"))
    public var arch: String?
    /// `--task`.
    @Option(help: ArgumentHelp("Task, e.g. image-classification.", valueName: "task"))
    public var task: String?
    /// `--license`.
    @Option(help: ArgumentHelp("Licence, e.g. Apache-2.0.", valueName: "spdx"))
    public var license: String?
    /// `--min`.
    @Option(help: ArgumentHelp("Minimum value of a metric, e.g. accuracy=0.9 (repeatable).", valueName: "metric=value"))
    public var min: [String] = []
    /// `--sort`.
    @Option(help: ArgumentHelp("relevance, downloads, recent or metric:NAME.", valueName: "order"))
    public var sort: String?
    /// `--limit`.
    @Option(help: ArgumentHelp("Results to show (1-100).", valueName: "n"))
    public var limit: Int = 20
    /// `--json`.
    @Flag(help: "Print the registry's JSON answer.")
    public var json = false
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            var search = SearchQuery(text: query.joined(separator: " "))
            search.domains = domain
            search.architecture = arch
            search.task = task
            search.license = license
            search.minimums = min
            search.sort = sort
            search.limit = limit
            let client = RegistryClient(configuration: global.configuration())
            let response = try client.search(search)
            if json { JSONOutput.print(response); return }
            guard !response.results.isEmpty else {
                print("No models match \(search.text.isEmpty ? "these filters" : "\"\(search.text)\"") on \(client.registry).")
                return
            }
            print(Self.table(response.results).rendered)
            if response.total > response.results.count {
                print("(\(response.results.count) of \(response.total) shown; use --limit for more)")
            }
        }
    }

    static func table(_ hits: [SearchHit]) -> TextTable {
        var table = TextTable(headers: ["NAME", "ARCHITECTURE", "DOMAIN", "TASK", "METRIC", "DOWNLOADS", "PARENT"])
        for hit in hits {
            table.rows.append([
                "\(hit.name):\(hit.tag)",
                hit.architecture,
                hit.domain.joined(separator: ",").nonEmptyOrDash,
                hit.task,
                hit.headlineMetric?.text ?? "-",
                String(hit.downloads),
                hit.parent.map(Self.shortParent) ?? "-",
            ])
        }
        return table
    }

    /// `name@sha256:abcdef…` shortened to `name@abcdef123456`.
    static func shortParent(_ parent: String) -> String {
        guard let at = parent.firstIndex(of: "@") else { return parent }
        let digest = parent[parent.index(after: at)...].replacingOccurrences(of: "sha256:", with: "")
        return "\(parent[..<at])@\(digest.prefix(12))"
    }
}

extension String {
    /// The string, or `-` when empty.
    var nonEmptyOrDash: String { isEmpty ? "-" : self }
}
