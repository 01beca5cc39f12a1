import Foundation
import HTTPTypes
import Hummingbird

extension HuggingFaceReadController {
    /// `GET /hf/api/models/{repo}[/revision/{rev}]`: the version as `ModelInfo`, with its files
    /// (`siblings`) and card facts (`cardData`); `expand=` keeps only the named properties.
    func modelInfo(_ version: HubVersion, query: QueryParameters) async throws -> Response {
        let expand = Array(query.all("expand").prefix(ModelInfoBody.maximumExpand))
        let body = try infoBody(version, tags: try await metadata.tags(ofVersion: version.id), files: try await files(of: version),
                                withCard: true)
        return try Self.json(body.jsonObject(expand: expand))
    }

    /// `GET /hf/api/models`: one page of the models whose head version matches (`ListModelsQuery`),
    /// with `Link: <absolute URL>; rel="next"` when more match.
    func listModels(query: QueryParameters, request: Request) async throws -> Response {
        let parsed = try ListModelsQuery(parameters: query.pairs)
        let (listed, next) = try await metadata.list(parsed)
        let withFiles = parsed.full || parsed.expand.contains("siblings")
        let withCard = parsed.cardData || parsed.full || parsed.expand.contains("cardData")
        var objects: [Any] = []
        for model in listed {
            // A version whose weights cannot be merged (not safetensors) is listed without its files.
            let files = withFiles || withCard ? try? await files(of: model.version) : nil
            var body = try infoBody(model.version, tags: model.tags, files: files, withCard: withCard)
            if !withFiles { body.siblings = nil }
            objects.append(try body.jsonObject(expand: parsed.expand))
        }
        var headers: HTTPFields = [:]
        if let next { headers[.link] = NextPageLink.value(for: request, query: query, cursor: next.text) }
        return try Self.json(objects, headers: headers)
    }

    /// The `ModelInfo` of a version, with `files` as its siblings when given and its card data when asked.
    func infoBody(_ version: HubVersion, tags: [String], files: [StoredVersionFile]?, withCard: Bool) throws -> ModelInfoBody {
        ModelInfoBody(version: version, tags: tags, isPrivate: isPrivate, files: files, withCard: withCard)
    }

    /// A JSON response (keys sorted) from a `JSONSerialization` value.
    static func json(_ object: Any, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
