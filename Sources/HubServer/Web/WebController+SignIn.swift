import HTTPTypes
import Hummingbird
import WebPages

/// `GET /sign-in` (the form), `POST /sign-in` (a token for a session cookie), `POST /sign-out`.
extension WebController {
    func registerSignIn(on router: Router<RegistryContext>) {
        router.get("/sign-in", use: signInForm)
        router.post("/sign-in", use: signIn)
        router.post("/sign-out", use: signOut)
    }

    /// The form, remembering where to go afterwards.
    @Sendable func signInForm(_ request: Request, context: RegistryContext) async throws -> Response {
        let next = SameSitePath.checked(request.uri.queryParameters.get("next"))
        return page(SignInPage(next: next, chrome: chrome(for: request, context)))
    }

    /// Exchanges a valid token for a session cookie and goes on to `next` (303); a wrong token shows the
    /// form again with the reason (401). A form posted from another site is refused (403).
    @Sendable func signIn(_ request: Request, context: RegistryContext) async throws -> Response {
        guard WebRequest.isSameOrigin(request) else { return crossSiteForm(request, context) }
        let body = try await request.body.collect(upTo: SignInForm.maximumBytes)
        let form = SignInForm(parsing: body)
        let next = SameSitePath.checked(form.next)
        guard !form.token.isEmpty, let identity = try await tokens.identity(for: form.token) else {
            let reason = form.token.isEmpty
                ? "Enter an access token."
                : "That token is unknown or was revoked. Ask an admin for a new one (`hub admin token create`)."
            return page(SignInPage(next: next, error: reason, chrome: chrome(for: request, context)), status: .unauthorized)
        }
        let session = try await sessions.start(tokenID: identity.tokenID)
        var response = Response.redirect(to: next)
        response.headers[.setCookie] = WebSession.cookie(id: session, secure: WebSession.isSecure(request))
        return response
    }

    /// Ends the session on the server and clears the cookie, then shows the home page (or, on a private
    /// registry, the sign-in form).
    @Sendable func signOut(_ request: Request, context: RegistryContext) async throws -> Response {
        guard WebRequest.isSameOrigin(request) else { return crossSiteForm(request, context) }
        if let session = WebSession.id(in: request) { try await sessions.end(session: session) }
        var response = Response.redirect(to: isPrivate ? SitePath.signIn() : SitePath.home)
        response.headers[.setCookie] = WebSession.clearingCookie(secure: WebSession.isSecure(request))
        return response
    }

    private func crossSiteForm(_ request: Request, _ context: RegistryContext) -> Response {
        page(ErrorPage(status: 403, title: "Not allowed",
                       message: "this form was sent from another site (Origin \(request.headers[.origin] ?? "")); "
                           + "sign in from this registry's own page", chrome: chrome(for: request, context)))
    }
}
