/// `GET /healthz` answer.
public struct Health: Codable, Sendable, Equatable {
    /// `status`: `ok` while the server answers.
    public var status: String

    /// A health answer.
    public init(status: String = "ok") { self.status = status }
}
