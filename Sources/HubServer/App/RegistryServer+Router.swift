import Hummingbird
import RegistryAPI
import WebPages

extension RegistryServer {
    /// Every route of docs/api.md, behind logging, error rendering and authentication.
    func makeRouter() -> Router<RegistryContext> {
        let router = Router(context: RegistryContext.self, options: .autoGenerateHeadEndpoints)
        if configuration.logRequests { router.add(middleware: RequestLogMiddleware()) }
        router.add(middleware: ErrorMiddleware(pages: pages, isPrivate: configuration.isPrivate))
        let tokens = TokenRepository(database: data.database)
        let sessions = WebSessionRepository(database: data.database)
        router.add(middleware: AuthMiddleware(tokens: tokens, sessions: sessions, isPrivate: configuration.isPrivate))
        router.add(middleware: DownloadCountsMiddleware(downloads: downloads))
        let models = ModelRepository(data: data, manifestCache: manifestCache, tagCache: tagCache, downloads: downloads)
        SearchController(search: SearchRepository(database: data.database)).register(on: router)
        ModelController(models: models, maxManifestBytes: configuration.maxManifestBytes,
                        maxLineageNodes: configuration.maxLineageNodes).register(on: router)
        BlobController(blobs: data.blobs, maxBlobBytes: configuration.maxBlobBytes,
                       redirectSeconds: configuration.blobRedirectSeconds).register(on: router)
        UploadController(uploads: uploads, blobs: data.blobs, maxBlobBytes: configuration.maxBlobBytes)
            .register(on: router)
        let versionFiles = VersionFileSource(records: VersionFileRepository(database: data.database), blobs: data.blobs)
        HuggingFaceReadController(models: models, search: SearchRepository(database: data.database),
                                  blobs: data.blobs, isPrivate: configuration.isPrivate, versionFiles: versionFiles)
            .register(on: router)
        TorchHubController(models: models, blobs: data.blobs, versionFiles: versionFiles).register(on: router)
        HuggingFaceWriteController(models: models, data: data, versionFiles: versionFiles, maxBlobBytes: configuration.maxBlobBytes,
                                   maxManifestBytes: configuration.maxManifestBytes, isPrivate: configuration.isPrivate)
            .register(on: router)
        WebController(renderer: pages, models: models, search: SearchRepository(database: data.database),
                      tokens: tokens, sessions: sessions, isPrivate: configuration.isPrivate,
                      maxLineageNodes: configuration.maxLineageNodes).register(on: router)
        router.on(.openAPI) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        return router
    }
}
