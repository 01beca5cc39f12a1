import ContentStore
import Foundation
import Manifest
import Safetensors

extension SyntheticModel {
    /// A model whose weight groups are real safetensors files (two float32 tensors each, named
    /// `<group>.t0.weight` and `<group>.t1.weight`, values derived from `seed`), as the Hugging Face
    /// view needs: `model.safetensors` is merged from them.
    static func safetensors(name: String, variant: String = "resnet18", family: String = "resnet",
                            domain: [String] = ["imagenet"], license: String = "Apache-2.0",
                            dataset: String = "synthetic", parent: SyntheticModel? = nil,
                            groups: [String] = ["backbone", "head"], floats: Int = 600, seed: UInt8 = 1) -> SyntheticModel {
        var model = make(name: name, domain: domain, variant: variant, family: family, license: license,
                         labels: ["cat", "dog"], dataset: dataset, parent: parent, groups: groups, seed: seed)
        model.blobs = [:]
        model.manifest.weights = groups.enumerated().map { index, group in
            let (bytes, names) = groupBytes(group, floats: floats, seed: Int(seed) * 31 + index)
            let digest = Digest.sha256(of: bytes)
            model.blobs[digest] = bytes
            return WeightGroup(group: group, digest: digest, size: Int64(bytes.count), parameters: names)
        }
        precondition(model.manifest.validationIssues().isEmpty, "manifest invalid: \(model.manifest.validationIssues())")
        return model
    }

    /// One group's safetensors bytes and its tensor names.
    static func groupBytes(_ group: String, floats: Int, seed: Int) -> (Data, [String]) {
        var entries: [SafetensorsEntry] = []
        var payload = Data()
        for tensor in 0..<2 {
            let begin = payload.count
            for index in 0..<floats {
                var value = Float((index &* 7 &+ seed &* 13 &+ tensor) % 1000) / 1000
                payload.append(Data(bytes: &value, count: 4))
            }
            entries.append(SafetensorsEntry(name: "\(group).t\(tensor).weight", dtype: .F32, shape: [floats],
                                            byteRange: begin..<payload.count))
        }
        return (Data(SafetensorsHeader.encode(entries, metadata: ["format": "pt"])) + payload, entries.map(\.name))
    }

    /// The bytes of tensor `name` in this model's group blobs (what any merged file must carry under it).
    func tensorBytes(_ name: String) -> Data? {
        for group in manifest.weights where group.parameters.contains(name) {
            guard let blob = blobs[group.digest], let header = try? blob.withUnsafeBytes({ try SafetensorsHeader(bytes: $0) }),
                  let entry = header.entries.first(where: { $0.name == name }) else { return nil }
            return blob.subdata(in: (header.dataStart + entry.byteRange.lowerBound)..<(header.dataStart + entry.byteRange.upperBound))
        }
        return nil
    }
}
