import Foundation
import Manifest
import RegistryAPI

/// The registry's HTTP API (docs/api.md) over one reused libcurl connection (`HTTPTransport`):
/// models, manifests, search and lineage, blob downloads (`fetchBlob`), blob uploads and upload
/// sessions, publishing. Each call returns decoded JSON or throws a `ClientError` that names what
/// failed and what to do, keeping the transport's error as its cause. Operations (pull, push)
/// call this, never the transport.
///
/// Not thread-safe: parallel blob downloads make one transport per worker thread.
public final class RegistryClient {
    /// Where to connect, with which token.
    public let configuration: ClientConfiguration
    /// The transport for this thread.
    let transport: HTTPTransport

    /// A client for `configuration.registry`.
    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
        transport = HTTPTransport(token: configuration.token, settings: configuration.transfers)
    }

    /// The registry URL as typed by the user, any password in it redacted (for messages and the
    /// cache's record of where a model came from).
    package var registry: String { DebugLog.redacted(url: configuration.registry) }

    /// `<registry><path>?<query>`, with query values percent-encoded.
    func url(_ path: String, query: [(String, String)] = []) -> String {
        let registry = configuration.registry
        guard !query.isEmpty else { return registry + path }
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return registry + path + "?" + encoded
    }

    /// Sends a request; a 2xx response is returned, anything else becomes a `ClientError`
    /// about `subject` (e.g. "model alice/x:latest").
    func send(_ request: HTTPRequest, subject: String, onBytes: ((Int64) -> Void)? = nil) throws(ClientError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try transport.send(request, onBytes: onBytes)
        } catch {
            throw transferError(error)
        }
        guard response.isSuccess || response.status == 304 else {
            throw self.error(for: response, subject: subject)
        }
        return response
    }

    /// GETs JSON and decodes it.
    func getJSON<Value: Decodable>(_ type: Value.Type, _ path: String, query: [(String, String)] = [],
                                   subject: String) throws(ClientError) -> Value {
        let response = try send(HTTPRequest("GET", url(path, query: query)), subject: subject)
        return try decode(type, response, subject: subject)
    }

    /// Decodes a JSON answer, or explains that the server answered something else.
    func decode<Value: Decodable>(_ type: Value.Type, _ response: HTTPResponse, subject: String) throws(ClientError) -> Value {
        do {
            return try response.decode(type)
        } catch {
            throw ClientError(.failure, "the registry at \(registry) sent an answer about \(subject) that hub "
                + "cannot read: \(error)", advice: "check that \(registry) is a hub registry of a compatible version",
                cause: error)
        }
    }

    /// Encodes a JSON request body.
    static func json<Value: Encodable>(_ value: Value) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            preconditionFailure("request bodies always encode: \(error)")
        }
    }
}
