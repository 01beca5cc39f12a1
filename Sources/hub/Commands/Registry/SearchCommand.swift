import ArgumentParser
import Foundation
import HubClient
import RegistryAPI

/// `hub search`: Search the registry by text, domain, architecture, task, licence or metric.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the registry by text, domain, architecture, task, licence or metric.",
        discussion: "Prints one line per model: name, architecture, domain, task, headline metric, downloads "
            + "and parent (with --json, the registry's JSON answer). Example: hub search xray --domain medical --min accuracy=0.9 --sort downloads")

    /// Free text.
    @Argument(help: "Words to look for in names, descriptions, domains, labels and data sets (empty: every model).")
    var query: [String] = []
    /// `--domain`.
    @Option(help: ArgumentHelp("A domain tag the model must have (repeatable).", valueName: "tag"))
    var domain: [String] = []
    /// `--arch`.
    @Option(help: ArgumentHelp("Architecture family or variant, e.g. resnet or resnet50.", valueName: "name"))
    var arch: String?
    /// `--task`.
    @Option(help: ArgumentHelp("Task, e.g. image-classification.", valueName: "task"))
    var task: String?
    /// `--license`.
    @Option(help: ArgumentHelp("Licence, e.g. Apache-2.0.", valueName: "spdx"))
    var license: String?
    /// `--min`.
    @Option(help: ArgumentHelp("Minimum value of a metric, e.g. accuracy=0.9 (repeatable).", valueName: "metric=value"))
    var min: [String] = []
    /// `--sort`.
    @Option(help: ArgumentHelp("relevance, downloads, recent or metric:NAME.", valueName: "order"))
    var sort: String?
    /// `--limit`.
    @Option(help: ArgumentHelp("Results to show (1-100).", valueName: "n"))
    var limit: Int = 20
    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100, got \(limit)") }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            var search = SearchQuery(text: query.joined(separator: " "))
            search.domains = domain
            search.architecture = arch
            search.task = task
            search.license = license
            search.minimums = min
            search.sort = sort
            search.limit = limit
            let client = context.registry()
            let response = try client.search(search)
            if context.json { JSONOutput.print(response); return }
            guard !response.results.isEmpty else {
                print("No models match \(search.text.isEmpty ? "these filters" : "\"\(search.text)\"") on \(client.registry).")
                return
            }
            print(Self.table(response.results).rendered)
            if response.totalIsLowerBound {
                print("(\(response.results.count) of more than \(response.total) shown; use --limit for more, or narrow the search)")
            } else if response.total > response.results.count {
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
