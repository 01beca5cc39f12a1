import Foundation
import HTTPTypes
import Hummingbird
import HuggingFace
import Manifest

/// `POST /hf/api/repos/create` and `POST /hf/api/validate-yaml`: what huggingface_hub calls before an
/// upload. hub creates a model when its first version is published, so creating checks the name and
/// the token and changes nothing.
extension HuggingFaceWriteController {
    /// `{"name","organization"?,"type"?,"visibility"?|"private"?}` -> 200 `{"url"}`, or 409 with the url
    /// when the model exists (`create_repo(exist_ok=True)` reads the url from the 409 too).
    func createRepository(_ request: Request, context: RegistryContext) async throws -> Response {
        let body = try HuggingFaceBody.object(await HuggingFaceBody.collect(request, limit: 64 << 10),
                                              expected: "{\"name\":…,\"organization\":…}")
        let name = try HuggingFaceBody.string(body["name"], at: "name")
        let organization = body["organization"]?.stringValue
        if let type = body["type"]?.stringValue, type != "model" {
            throw HuggingFaceBody.invalid("hub holds models only, not \(type.prefix(20))s")
        }
        let wantsPrivate = body["private"] == .bool(true) || body["visibility"]?.stringValue.map { $0 != "public" } == true
        if wantsPrivate, !isPrivate {
            throw HuggingFaceBody.invalid("hub has no private models on a public registry: every model here is "
                + "public; run a private registry (`hub serve --private`) for private models")
        }
        let model = try ModelName(namespace: organization ?? "_", name: name)
        if let problem = RepositoryID.problem(withName: model.repository) {
            throw HuggingFaceBody.invalid(problem)
        }
        _ = try context.requireWriter(namespace: model.namespace)
        guard let base = request.externalBaseURL else {
            throw HuggingFaceBody.invalid("the request has no usable Host header")
        }
        let url = "\(base)/hf/\(model.huggingFaceURLPath)"
        let repository = model.repository
        let exists = try await models.database.read { db in try db.modelID(repository) != nil }
        guard !exists else {
            throw HuggingFaceAPIError(.conflict, .conflict, "You already created this model repo: \(model.repository)",
                                   bodyFields: ["url": url])
        }
        return try Response.json(["url": url, "name": model.repository])
    }

    /// `{"content":<README>,"repoType"}` -> `{"errors":[…],"warnings":[…]}`: 400 when the model card's
    /// YAML front matter cannot be read (`ModelCardFrontMatter`); the client shows each `message`.
    func validateYAML(_ request: Request, context: RegistryContext) async throws -> Response {
        let body = try HuggingFaceBody.object(await HuggingFaceBody.collect(request, limit: 4 << 20),
                                              expected: "{\"content\":<README text>,\"repoType\":\"model\"}")
        let content = try HuggingFaceBody.string(body["content"], at: "content")
        let problems = ModelCardCheck.problems(in: content)
        let answer = ValidationAnswer(errors: problems.map { .init(message: $0) }, warnings: [])
        return try Response.json(answer, status: problems.isEmpty ? .ok : .badRequest)
    }

    /// The body of a validate-yaml answer.
    struct ValidationAnswer: Encodable, Sendable {
        let errors: [Message]
        let warnings: [Message]

        struct Message: Encodable, Sendable {
            let message: String
        }
    }
}
