import ContentStore
import Foundation
import Manifest
import RegistryAPI

extension RegistryClient {
    /// Searches the registry.
    public func search(_ query: SearchQuery) throws(ClientError) -> SearchPage {
        let response = try getJSON(SearchPage.self, Route.search.path(), query: query.items, subject: "the search")
        if let problem = RegistryAnswerChecks.problem(in: response, limit: query.limit) {
            throw ClientError(.failure, "the registry at \(registry) answered the search with \(problem)",
                              advice: "the registry is broken or not to be trusted: tell its administrator")
        }
        return response
    }

    /// A model's versions, tags and downloads.
    public func summary(_ reference: Reference) throws(ClientError) -> ModelSummary {
        do {
            return try getJSON(ModelSummary.self, Route.getModel.path(model: reference), subject: "model \(reference.repository)")
        } catch where error.code == .notFound {
            throw notFound(reference, error)
        }
    }

    /// Fetches a manifest's bytes exactly as published and checks them against their digest
    /// (the one asked for, and the one the registry announces). With `countsAsDownload` false
    /// (`hub info`) it sends `Hub-Intent: info`, so the registry counts no download.
    public func manifest(_ reference: Reference, countsAsDownload: Bool = true) throws(ClientError) -> (bytes: Data, digest: Digest) {
        let selector = reference.digest?.description ?? reference.tag ?? Reference.defaultTag
        let path = Route.getManifest.path(model: reference, ["reference": selector])
        let subject = "model \(reference.selector == nil ? reference.with(.tag(Reference.defaultTag)) : reference)"
        let response: HTTPResponse
        do {
            let intent = countsAsDownload ? [] : ["\(HeaderName.intent): \(Intent.info.rawValue)"]
            response = try send(HTTPRequest("GET", url(path), headers: ["Accept: \(MediaType.manifestV1)"] + intent),
                                subject: subject)
        } catch where error.code == .notFound {
            throw notFound(reference, error)
        }
        let digest = Digest.sha256(of: response.body)
        var announced: Digest?
        if let header = response.header(HeaderName.contentDigest) {
            guard let parsed = try? Digest(parsing: header) else {
                throw ClientError(.integrity, "the registry at \(registry) announced the manifest of \(subject) with "
                    + "\(HeaderName.contentDigest) \"\(header.prefix(100))\", which is not a digest",
                    advice: "the registry is broken or not to be trusted: tell its administrator")
            }
            announced = parsed
        }
        if let expected = reference.digest ?? announced, expected != digest {
            throw ClientError(.integrity, "the manifest of \(subject) from \(registry) hashes to \(digest), "
                + "expected \(expected)", advice: "try again; if it persists, the registry's copy is damaged")
        }
        return (response.body, digest)
    }

    /// Ancestors and descendants of a version.
    public func lineage(_ reference: Reference, depth: Int = 5, direction: String = "both") throws(ClientError) -> LineageGraph {
        let selector = reference.digest?.description ?? reference.tag ?? Reference.defaultTag
        let graph: LineageGraph
        do {
            graph = try getJSON(LineageGraph.self, Route.getLineage.path(model: reference),
                                query: [("ref", selector), ("depth", String(depth)), ("direction", direction)],
                                subject: "the lineage of \(reference)")
        } catch where error.code == .notFound {
            throw notFound(reference, error)
        }
        if let problem = RegistryAnswerChecks.problem(in: graph) {
            throw ClientError(.failure, "the registry at \(registry) answered the lineage of \(reference) with \(problem)",
                              advice: "ask for fewer generations with --depth, or tell the registry's administrator")
        }
        return graph
    }

    /// A not-found error for `reference` with close matches: the model's tags when the model
    /// exists (only the tag or digest was wrong), else similar names from search and, when the
    /// registry has no such model at all, the `hub import` command that brings one in.
    func notFound(_ reference: Reference, _ error: ClientError) -> ClientError {
        if reference.selector != nil,
           let summary = try? getJSON(ModelSummary.self, Route.getModel.path(model: reference), subject: "model") {
            let tags = summary.tags.map { "\(reference.repository):\($0.tag)" }
            return ClientError(.notFound, "\(reference) was not found on \(registry): the model has no such "
                + (reference.digest == nil ? "tag" : "version"), advice: tags.isEmpty
                ? "the model has no tags left; `hub info \(reference.repository)@sha256:…` shows a version by digest"
                : "available: " + tags.joined(separator: ", "), remoteCode: error.remoteCode)
        }
        let matches = closeMatches(for: reference)
        var advice = matches.isEmpty
            ? "check the name; `hub search` lists the models on \(registry)"
            : "did you mean: " + matches.joined(separator: ", ") + "? (`hub search` lists more)"
        if error.remoteCode == ErrorCode.modelUnknown.rawValue { advice += "; " + ImportHint(reference: reference).advice }
        return ClientError(.notFound, error.message, advice: advice, remoteCode: error.remoteCode)
    }

    /// Up to five model names similar to `reference`, ranked by edit distance: search hits for
    /// the name's words, for each word alone, and for each word's first letters (so that a
    /// misspelt or pluralised word still finds its model).
    func closeMatches(for reference: Reference) -> [String] {
        let words = ([reference.namespace].compactMap { $0 } + reference.name.split(whereSeparator: { "-_.".contains($0) })
            .map(String.init)).filter { !$0.isEmpty }
        let stems = words.map { String($0.prefix(max(3, $0.count * 2 / 3))) }
        var queries: [String] = []
        for query in [words.joined(separator: " ")] + words + stems where !queries.contains(query) { queries.append(query) }
        var names: Set<String> = []
        for query in queries.prefix(8) {
            var search = SearchQuery(text: query)
            search.limit = 20
            guard let hits = try? self.search(search).results else { break }
            names.formUnion(hits.map(\.name))
        }
        names.remove(reference.repository)
        return names.sorted {
            let left = EditDistance.between($0, reference.repository)
            let right = EditDistance.between($1, reference.repository)
            return left == right ? $0 < $1 : left < right
        }.prefix(5).map { $0 }
    }
}
