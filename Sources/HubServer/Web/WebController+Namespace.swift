import Hummingbird
import WebPages

/// `GET /namespaces/NAMESPACE[?page=N]`: a user's or an organisation's models.
extension WebController {
    func registerNamespace(on router: Router<RegistryContext>) {
        router.get("/namespaces/:namespace", use: namespace)
    }

    /// The namespace's models by name, `NamespacePage.pageSize` a page; the 404 page when it has none
    /// (or the page asked for is past its last), the 400 page for a `page` that is not a number.
    @Sendable func namespace(_ request: Request, context: RegistryContext) async throws -> Response {
        try await answer(request, context) {
            let namespace = context.parameters.get("namespace") ?? ""
            let page = try Self.pageNumber(request.uri.queryParameters.get("page"))
            let found = try await NamespaceRepository(database: models.database)
                .models(in: namespace, page: page, pageSize: NamespacePage.pageSize)
            guard !found.models.isEmpty else {
                let message = found.total == 0
                    ? "no models are published in the namespace \"\(namespace)\""
                    : "the namespace \"\(namespace)\" has \(found.total) models; there is no page \(page)"
                return self.page(ErrorPage.notFound(message, lookingFor: namespace, chrome: chrome(for: request, context)))
            }
            return self.page(NamespacePage(namespace: namespace, models: found.models, total: found.total, page: page,
                                           chrome: chrome(for: request, context)))
        }
    }

    /// `page` as a number from 1; absent is 1.
    static func pageNumber(_ text: String?) throws(RegistryError) -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard let number = Int(digits: text), (1...NamespaceRepository.maximumPage).contains(number) else {
            throw RegistryError(.queryInvalid, "the parameter `page` must be a whole number from 1 to "
                + "\(NamespaceRepository.maximumPage), got \"\(text.prefix(40))\"")
        }
        return number
    }
}
