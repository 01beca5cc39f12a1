import Hummingbird

/// The per-request context: Hummingbird's core storage plus who is calling.
public struct RegistryContext: RequestContext {
    /// Hummingbird's per-request storage (parameters, logger, ...).
    public var coreContext: CoreRequestContextStorage
    /// The caller, when a valid token was presented.
    public var identity: Identity?

    /// A fresh context for a request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Bodies the handlers collect whole (JSON, manifests) are bounded by their own limits.
    public var maxUploadSize: Int { 8 << 20 }
}
