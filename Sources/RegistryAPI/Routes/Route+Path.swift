import Foundation
import Manifest

extension Route {
    /// The namespace segment of official models (names without a namespace) in `/v1/models/{namespace}/…`.
    public static let officialNamespace = "_"

    /// The characters a path parameter keeps as they are: RFC 3986 unreserved ones, and `:` and `@`
    /// (allowed in a path segment), so that `sha256:…` and every valid name or tag travel unchanged.
    static let segmentCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@")

    /// The path with every `{parameter}` replaced by its percent-encoded value, e.g.
    /// `Route.getBlob.path(["digest": "sha256:…"])` is `/v1/blobs/sha256:…`. Every parameter of the
    /// template must be given (a programmer error otherwise), and nothing else.
    public func path(_ values: [String: String] = [:]) -> String {
        precondition(Set(values.keys) == Set(parameterNames),
                     "\(self) takes \(parameterNames), got \(values.keys.sorted())")
        return template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}"), let value = values[String(segment.dropFirst().dropLast())]
            else { return String(segment) }
            return value.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? value
        }.joined(separator: "/")
    }

    /// The path of a route under `/v1/models/{namespace}/{name}` for `model` (its selector, if any, is
    /// not used), with the route's other parameters in `values`.
    public func path(model: Reference, _ values: [String: String] = [:]) -> String {
        path(values.merging(Self.modelParameters(model)) { given, _ in given })
    }

    /// `namespace` (`_` for an official model) and `name` of a model reference.
    public static func modelParameters(_ model: Reference) -> [String: String] {
        ["namespace": model.namespace ?? officialNamespace, "name": model.name]
    }
}
