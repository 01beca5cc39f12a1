import HTTPTypes
import Hummingbird
import Foundation
import RegistryAPI
import WebPages

/// Resolves `Authorization: Bearer <token>` into `context.identity`, or, for a web page only (never the
/// API), the session cookie a sign-in set; in private mode, refuses anonymous requests (except `/healthz`,
/// the static assets and signing in) and sends a browser without a session to the sign-in form.
/// Never logs or echoes the token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    let tokens: TokenRepository
    let sessions: WebSessionRepository
    let isPrivate: Bool

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.identity = try await identity(of: request)
        } catch let error as RegistryError where HuggingFaceAuthentication.applies(to: request.uri.path) {
            throw HuggingFaceAuthentication.answer(for: error, request: request)
        }
        if isPrivate, context.identity == nil, WebRequest.readsPage(request), !WebRequest.opensWithoutSession(request) {
            return Response.redirect(to: SitePath.signIn(next: request.uri.description))
        }
        return try await next(request, context)
    }

    /// The caller a request's token names (nil: anonymous); 401 for a bad token, or for none in private mode.
    private func identity(of request: Request) async throws -> Identity? {
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer ") else {
                throw RegistryError.unauthorized("the Authorization header must be `Bearer <token>`")
            }
            let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard let identity = try await tokens.identity(for: secret) else {
                throw RegistryError.unauthorized("the token is unknown or was revoked; ask an admin for a new one "
                    + "(`hub admin token create`) and run `hub login --token <token>`")
            }
            return identity
        } else if WebRequest.readsPage(request), let session = WebSession.id(in: request),
                  let identity = try await sessions.identity(forSession: session) {
            return identity
        } else if isPrivate, request.uri.path != Route.health.template, !Self.carriesItsOwnPermission(request),
                  !WebRequest.readsPage(request), !WebRequest.opensWithoutSession(request) {
            throw RegistryError.unauthorized("this registry is private: every request needs a token; "
                + "run `hub login --token <token>` (an admin creates one with `hub admin token create`)")
        }
        return nil
    }
}

extension AuthMiddleware {
    /// A signed LFS upload (`PUT /hf/api/lfs/objects/...`): HF clients send it without a token, so its
    /// URL's signature is its permission, checked by the handler (`SignedUpload`), also when private.
    static func carriesItsOwnPermission(_ request: Request) -> Bool {
        request.method == .put && request.uri.path.hasPrefix(SignedUpload.pathPrefix)
    }
}

extension RegistryError {
    /// 401 with the `WWW-Authenticate` challenge.
    static func unauthorized(_ message: String) -> RegistryError {
        RegistryError(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer realm=\"hub\""])
    }
}

extension RegistryContext {
    /// The caller, who must hold a `write` or `admin` token.
    func requireWriter() throws -> Identity {
        guard let identity else {
            throw RegistryError.unauthorized("writing needs a token: run `hub login --token <token>` "
                + "(an admin creates one with `hub admin token create --user NAME`)")
        }
        guard identity.scope != .read else {
            throw RegistryError(.denied, "token \(identity.tokenID) of user \(identity.user) is read-only; "
                + "writing needs a token created with `--scope write`",
                detail: ["user": .string(identity.user), "scope": .string(identity.scope.rawValue)])
        }
        return identity
    }

    /// The caller, who must be allowed to write `namespace` (nil: an official model).
    func requireWriter(namespace: String?) throws -> Identity {
        let identity = try requireWriter()
        guard identity.mayWrite(namespace: namespace) else {
            let target = namespace.map { "namespace \"\($0)\"" } ?? "official models (names without a namespace)"
            throw RegistryError(.denied, "user \(identity.user) may not write to \(target); "
                + "a \(identity.scope.rawValue) token may write only under \"\(identity.user)/...\" "
                + "(official models and other namespaces need an admin token)",
                detail: ["user": .string(identity.user), "scope": .string(identity.scope.rawValue),
                         "namespace": namespace.map { .string($0) } ?? .null])
        }
        return identity
    }
}
