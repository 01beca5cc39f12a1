import HTTPTypes
import Hummingbird
import RegistryAPI
import WebPages

/// The registry's web pages (docs/web.md): HTML routes beside the JSON API, on the same port. Each page's
/// route lives in `WebController+Page.swift`; this file holds what they share.
struct WebController: Sendable {
    let renderer: PageRenderer
    let models: ModelRepository
    let search: SearchRepository
    let tokens: TokenRepository
    let sessions: WebSessionRepository
    let isPrivate: Bool
    /// Most versions the lineage page loads (`ServerConfiguration.maxLineageNodes`).
    var maxLineageNodes = LineageGraph.defaultMaximumNodes

    func register(on router: Router<RegistryContext>) {
        router.get("/static/:file", use: asset)
        registerSearch(on: router)
        registerNamespace(on: router)
        registerSignIn(on: router)
        registerModel(on: router)
        registerCompare(on: router)
        registerLineage(on: router)
    }

    /// `GET /static/FILE`: the stylesheet or the script, revalidated by `ETag`.
    @Sendable func asset(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = context.parameters.get("file") ?? ""
        guard let asset = StaticAsset.named(name) else {
            return page(ErrorPage.notFound("there is no file /static/\(name)", chrome: chrome(for: request, context)))
        }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.entityTag, .cacheControl: "no-cache"]
        headers[.xContentTypeOptions] = "nosniff"
        if request.headers[.ifNoneMatch] == asset.entityTag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// A rendered page with the security headers (`PageSecurity`), sent with the page's status.
    func page<Page: WebPage>(_ page: Page, status: HTTPResponse.Status = .ok) -> Response {
        Response.page(renderer.render(page), status: status)
    }

    /// An error page with its own status.
    func page(_ page: ErrorPage) -> Response {
        Response.page(renderer.render(page), status: HTTPResponse.Status(code: page.status))
    }

    /// Runs a page handler; a `RegistryError` it throws (a missing model, a malformed version) becomes the
    /// HTML error page with the same status and message. Other failures go on to `ErrorMiddleware`.
    func answer(_ request: Request, _ context: RegistryContext,
                _ handler: () async throws -> Response) async throws -> Response {
        do {
            return try await handler()
        } catch let error as RegistryError {
            return page(ErrorPage(registryError: error, chrome: chrome(for: request, context)))
        }
    }

    /// The layout's parts for this request: the query in the search box, who is signed in.
    func chrome(for request: Request, _ context: RegistryContext) -> PageChrome {
        PageChrome(query: request.uri.queryParameters.get("q") ?? "", user: context.identity?.user, isPrivate: isPrivate)
    }
}

extension ErrorPage {
    /// The page for an API error a page handler ran into: its status, and its message.
    init(registryError error: RegistryError, chrome: PageChrome) {
        let status = Int(error.status.code)
        let title = switch status {
        case 404: "Not found"
        case 400: "Bad request"
        case 401: "Sign-in needed"
        case 403: "Not allowed"
        default: error.status.reasonPhrase
        }
        self.init(status: status, title: title, message: error.message, chrome: chrome)
    }
}
