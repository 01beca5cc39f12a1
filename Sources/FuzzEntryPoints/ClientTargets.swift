import HubClient

/// The targets of the `HubClient` module: what the client reads from a registry's files.
enum ClientTargets {
    static func safetensorsHeader(_ bytes: UnsafeRawBufferPointer) {
        let path = ScratchFile.write(bytes, name: "client.safetensors")
        _ = try? ParserEntryPoints.safetensorsHeader(path: path)
    }
}
