import Foundation
import Manifest
import Safetensors

extension SyntheticModel {
    /// A small valid model whose weight groups are real safetensors files (one F32 tensor
    /// `<group>.weight` each), so the Hugging Face view can merge them into model.safetensors.
    static func withSafetensors(name: String, groups: [String] = ["backbone", "head"], elements: Int = 64,
                                seed: UInt8 = 1) -> SyntheticModel {
        var model = SyntheticModel.make(name: name, groups: groups, seed: seed)
        model.blobs = [:]
        model.manifest.weights = groups.enumerated().map { index, group in
            let values = (0..<elements).map { Float(Int($0) &* 7 &+ index &* 13 &+ Int(seed)) / 64 }
            let data = values.withUnsafeBytes { Data($0) }
            let header = SafetensorsHeader.encode(
                [SafetensorsEntry(name: "\(group).weight", dtype: .F32, shape: [elements], byteRange: 0..<data.count)],
                metadata: [:])
            let blob = Data(header) + data
            let digest = Digest.sha256(of: blob)
            model.blobs[digest] = blob
            return WeightGroup(group: group, digest: digest, size: Int64(blob.count), parameters: ["\(group).weight"])
        }
        return model
    }
}
