import Engine

/// The targets of the `Engine` module: checkpoints, their containers, images and IDX arrays.
enum EngineTargets {
    static func safetensorsHeader(_ bytes: UnsafeRawBufferPointer) {
        _ = try? ParserEntryPoints.safetensorsHeader(bytes)
    }

    static func safetensorsFile(_ bytes: UnsafeRawBufferPointer) {
        ScratchFile.with(bytes, name: "safetensors") { _ = try? SafetensorsFile(path: $0).readAll() }
    }

    static func pytorchCheckpoint(_ bytes: UnsafeRawBufferPointer) {
        ScratchFile.with(bytes, name: "checkpoint.pt") { _ = try? PyTorchCheckpoint.read(path: $0) }
    }

    static func pickle(_ bytes: UnsafeRawBufferPointer) {
        _ = try? ParserEntryPoints.pickles(bytes)
    }

    static func zip(_ bytes: UnsafeRawBufferPointer) {
        _ = try? ParserEntryPoints.zipArchive(bytes)
    }

    /// Decodes `bytes` with their first bytes replaced by `signature`, so every input reaches one decoder.
    static func image(_ bytes: UnsafeRawBufferPointer, signature: [UInt8]) {
        var input = Array(bytes)
        for (index, byte) in signature.enumerated() where index < input.count { input[index] = byte }
        input.withUnsafeBytes { _ = try? ImageDecoder.decode($0, path: "<fuzz input>") }
    }

    static func idx(_ bytes: UnsafeRawBufferPointer) {
        ScratchFile.with(bytes, name: "idx") { path in
            guard let array = try? IDXArray.read(path: path) else { return }
            _ = array.floatValues()
        }
    }
}
