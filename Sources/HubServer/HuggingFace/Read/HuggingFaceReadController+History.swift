import Foundation
import HTTPTypes
import HuggingFace
import Hummingbird

extension HuggingFaceReadController {
    /// Commits per page of `list_repo_commits`.
    static let commitsPerPage = 100

    /// `GET /hf/api/models/{repo}/refs[?include_prs=1]` (`list_repo_refs`): `main` as the one branch (the
    /// head version) and every hub tag as a tag.
    func refs(_ repository: String, query: QueryParameters) async throws -> Response {
        let model = try await model(repository)
        let refs = try await metadata.refs(of: model)
        let head = try await metadata.headDigest(of: model)
        var body: [String: Any] = [
            "branches": head.map { [["name": Revision.headName, "ref": "refs/heads/\(Revision.headName)",
                                     "targetCommit": $0.commitID]] } ?? [],
            "converts": [],
            "tags": refs.map { ["name": $0.tag, "ref": "refs/tags/\($0.tag)", "targetCommit": $0.digest.commitID] },
        ]
        if query.flag("include_prs") { body["pullRequests"] = [] }
        return try Self.json(body)
    }

    /// `GET /hf/api/models/{repo}/commits/{rev}` (`list_repo_commits`): the model's versions published
    /// up to the revision's, newest first, as commits; Link-paginated.
    func commits(_ version: HubVersion, query: QueryParameters, request: Request) async throws -> Response {
        var cursor: VersionPage.Cursor?
        if let text = query["cursor"] {
            guard let parsed = VersionPage.Cursor(text: text), parsed.modelID == version.model.id else {
                throw HuggingFaceAPIError.badRequest("the parameter `cursor` is not a cursor this server issued for this model")
            }
            cursor = parsed
        }
        let (commits, next) = try await metadata.commits(upTo: version, limit: Self.commitsPerPage, after: cursor)
        let author = version.model.namespace ?? "hub"
        let body = commits.map { commit -> [String: Any] in
            let tags = commit.tags.isEmpty ? "" : " (\(commit.tags.joined(separator: ", ")))"
            return ["id": commit.digest.commitID, "title": "Publish \(commit.digest.short)\(tags)",
                    "message": commit.description, "authors": [["user": author]],
                    "date": Clock.iso8601(milliseconds: commit.published)]
        }
        var headers: HTTPFields = [:]
        if let next { headers[.link] = NextPageLink.value(for: request, query: query, cursor: next.text) }
        return try Self.json(body, headers: headers)
    }

    /// `GET /hf/api/whoami-v2` (`whoami`, `login`): the token's user and role (`admin` shows as
    /// `write`, with hub's own scope beside it); 401 without a valid token.
    func whoami(context: RegistryContext) throws -> Response {
        guard let identity = context.identity else {
            throw HuggingFaceAPIError(.unauthorized, .unauthorized, HuggingFaceAuthentication.invalidCredentials)
        }
        let role = identity.scope == .read ? "read" : "write"
        return try Self.json([
            "type": "user", "name": identity.user, "fullname": identity.user, "isPro": false, "orgs": [],
            "auth": ["type": "access_token",
                     "accessToken": ["displayName": identity.tokenID, "role": role, "hubScope": identity.scope.rawValue]],
        ] as [String: Any])
    }
}
