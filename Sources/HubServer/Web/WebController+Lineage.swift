import Hummingbird
import Manifest
import RegistryAPI
import WebPages

/// `GET /lineage/NAME` and `/lineage/NAMESPACE/NAME` (`?version=TAG|sha256:DIGEST`, default `latest`): the
/// lineage page of a version, from the same walk as `GET /v1/models/…/lineage` (every generation up to
/// `LineageGraph.maximumDepth`, at most `maxLineageNodes` versions).
extension WebController {
    func registerLineage(on router: Router<RegistryContext>) {
        // One trie position, one parameter name: the first segment is the name, or the namespace when a
        // second one follows.
        router.get("/lineage/:first", use: lineage)
        router.get("/lineage/:first/:name", use: lineage)
    }

    @Sendable func lineage(_ request: Request, context: RegistryContext) async throws -> Response {
        try await answer(request, context) {
            let chrome = chrome(for: request, context)
            let first = Self.pathSegment(context.parameters.get("first") ?? "")
            let second = context.parameters.get("name").map(Self.pathSegment)
            let (namespace, name) = second.map { (first, $0) } ?? (Route.officialNamespace, first)
            let model = try ModelName(namespace: namespace, name: name)
            do {
                let selector = try ModelController.selector(request.uri.queryParameters.get("version") ?? Reference.defaultTag)
                let root = try await models.manifest(model.reference, selector: selector)
                let graph = try await models.lineage(around: root, depth: LineageGraph.maximumDepth, direction: .both,
                                                     maximumNodes: maxLineageNodes)
                return page(LineagePage(lineage: graph, name: model.reference.description, chrome: chrome))
            } catch let error as ModelRepositoryError {
                let mapped = RegistryError(error)
                guard mapped.status == .notFound else { throw mapped }
                return page(ErrorPage.notFound(mapped.message, lookingFor: model.reference.name, chrome: chrome))
            }
        }
    }

    /// A path parameter as the user typed it (Hummingbird hands it over percent-encoded).
    private static func pathSegment(_ text: String) -> String { text.removingPercentEncoding ?? text }
}

extension LineagePage {
    /// The page of a walk the registry loaded.
    init(lineage graph: LineageGraph, name: String, chrome: PageChrome) {
        self.init(
            name: name, root: graph.root,
            nodes: graph.nodes.map { node in
                Node(id: node.id, name: node.name, digest: node.digest, tags: node.tags, architecture: node.architecture,
                     metric: node.headlineMetric.map { ($0.name, $0.value) }, generation: node.generation)
            },
            links: graph.edges.map { Link(parent: $0.parent, child: $0.child, relation: $0.relation, strategy: $0.strategy) },
            truncated: graph.truncated, chrome: chrome)
    }
}
