import Foundation
import Testing

@testable import Engine

@Suite("PyTorch checkpoint reader")
struct IOPyTorchCheckpointTests {
    /// The tensors torch saved, as contiguous float32 written by the safetensors library.
    static func expected() throws -> NamedTensors {
        try SafetensorsFile(path: IOFixtures.path("state.expected.safetensors")).readAll()
    }

    @Test("zip, zip64, legacy and 'model'-nested files give torch's values, views and strides included",
          arguments: ["state_zip.pt", "state_zip64.pt", "state_legacy.pt", "state_model_key.pt"])
    func readsStateDict(file: String) throws {
        let expected = try Self.expected()
        let tensors = try PyTorchCheckpoint.read(path: IOFixtures.path(file))
        #expect(tensors.names == [
            "conv.weight", "permuted.weight", "sliced", "strided", "shared.a", "shared.b", "half",
            "bn.num_batches_tracked",
        ])
        for name in tensors.names {
            #expect(tensors[name]?.shape == expected[name]?.shape, "\(name)")
            #expect(tensors[name]?.values == expected[name]?.values, "\(name)")
        }
        #expect(tensors["permuted.weight"]?.shape == [4, 2, 3, 3])
        #expect(tensors["bn.num_batches_tracked"]?.values == [12])
    }

    @Test("a pickled call to os.system is refused by name and never run")
    func refusesCodeExecution() {
        let error = #expect(throws: CheckpointError.self) { try PyTorchCheckpoint.read(path: IOFixtures.path("refused_global.pt")) }
        #expect(error?.code == .refused)
        #expect(error?.message.contains("refusing global posix.system") == true)
    }

    @Test("a whole pickled nn.Module is refused with advice to save the state dict")
    func refusesWholeModel() {
        let error = #expect(throws: CheckpointError.self) { try PyTorchCheckpoint.read(path: IOFixtures.path("whole_model.pt")) }
        #expect(error?.message.contains("torch.nn.modules.linear.Linear") == true)
        #expect(error?.message.contains("state_dict()") == true)
    }

    @Test("a deflated zip entry is reported as unsupported")
    func refusesCompressedEntries() {
        let error = #expect(throws: CheckpointError.self) { try PyTorchCheckpoint.read(path: IOFixtures.path("state_deflated.pt")) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("compressed") == true)
    }

    @Test("an unknown opcode is named in the error")
    func refusesUnknownOpcode() throws {
        // PROTO 2, INST (0x69) ...: a legacy-style pickle opening with an opcode a state dict never uses.
        let path = try IOFixtures.scratchFile([0x80, 0x02, 0x69, 0x6F, 0x73, 0x0A])
        let error = #expect(throws: CheckpointError.self) { try PyTorchCheckpoint.read(path: path) }
        #expect(error?.message.contains("0x69 (INST)") == true)
    }

    @Test("truncated files fail with an error, at every length")
    func truncatedFilesFail() throws {
        for file in ["state_zip.pt", "state_legacy.pt"] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IOFixtures.path(file))))
            for length in stride(from: 0, to: bytes.count, by: 97) {
                let path = try IOFixtures.scratchFile(Array(bytes[0..<length]))
                #expect(throws: CheckpointError.self) { try PyTorchCheckpoint.read(path: path) }
            }
        }
    }

    @Test("the loader tells safetensors from PyTorch files by their bytes, whatever their names")
    func detectsFormat() throws {
        #expect(try CheckpointLoader.format(of: IOFixtures.path("state_legacy.pt")) == .pytorch)
        #expect(try CheckpointLoader.format(of: IOFixtures.path("state_zip.pt")) == .pytorch)
        #expect(try CheckpointLoader.format(of: IOFixtures.path("mixed.safetensors")) == .safetensors)
        #expect(try CheckpointLoader.read(path: IOFixtures.path("state_zip.pt")).names.first == "conv.weight")
        let error = #expect(throws: CheckpointError.self) { try CheckpointLoader.read(path: IOFixtures.path("photo.png")) }
        #expect(error?.code == .unsupported)
    }

    @Test("strided gather walks a permuted view in row-major order")
    func gatherPermuted() {
        // A 2x3 row-major array viewed transposed: shape [3, 2], strides [1, 3].
        let gathered = PyTorchCheckpoint.gather([0, 1, 2, 3, 4, 5], shape: [3, 2], strides: [1, 3])
        #expect(gathered == [0, 3, 1, 4, 2, 5])
        #expect(!PyTorchCheckpoint.isRowMajor([3, 2], [1, 3]))
        #expect(PyTorchCheckpoint.isRowMajor([2, 1, 3], [3, 99, 1]))
    }
}
