import RegistryAPI
extension RegistryClient {
    /// Asks the registry's `GET /healthz` whether it answers with this configuration; `subject` names the
    /// purpose in the error (e.g. "checking the saved settings").
    public func checkHealth(subject: String) throws(ClientError) {
        _ = try send(HTTPRequest("GET", url(Route.health.path())), subject: subject)
    }
}
