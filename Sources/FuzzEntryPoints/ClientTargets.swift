import HubClient

/// The targets of the `HubClient` module: what the client reads from a registry's files.
enum ClientTargets {
    static func safetensorsHeader(_ bytes: UnsafeRawBufferPointer) {
        ScratchFile.with(bytes, name: "client.safetensors") { _ = try? ParserEntryPoints.safetensorsHeader(path: $0) }
    }
}
