import Engine
import Foundation
@testable import HuggingFace
import Testing

/// The HuggingFace module must not depend on the engine, so its tables are checked here against the
/// networks the engine really builds, and against timm 1.0.31's own state-dict names
/// (Fixtures/timm-names-*.txt, written by Fixtures/timm_names.py).
@Suite("The HuggingFace tables agree with the engine's networks and timm's names")
struct EngineAgreementTests {
    static let architectures = ["resnet18", "resnet34", "resnet50", "mobilenet_v2", "efficientnet_lite0",
                                "efficientnet_lite1", "efficientnet_lite2", "vgg16"]

    static func network(_ variant: String) throws -> Network {
        try ArchitectureSpec(name: variant, classCount: 7).build()
    }

    static func timmNames(_ architecture: String) throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/timm-names-\(architecture).txt")
        return Set(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init))
    }

    @Test("every tensor of the engine's network falls in the group the engine stores it in, groups in network order",
          arguments: architectures)
    func groups(variant: String) throws {
        let network = try Self.network(variant)
        var stored: [String] = []
        for group in network.groups {
            let names = network.namedParameters(group: group.name).map(\.0)
            guard !names.isEmpty else { continue }
            stored.append(group.name)
            for name in names { #expect(EngineWeightGroups.group(of: name, variant: variant) == group.name, "\(name)") }
        }
        #expect(EngineWeightGroups.groupNames(variant: variant) == stored)
    }

    @Test("timm's names are the engine's names renamed (rule A, rule B; ResNets as they are), and back",
          arguments: zip(architectures.dropLast(), ["resnet18", "resnet34", "resnet50", "mobilenetv2_100",
                                                    "tf_efficientnet_lite0", "tf_efficientnet_lite1", "tf_efficientnet_lite2"]))
    func timmNames(variant: String, timm: String) throws {
        let network = try Self.network(variant)
        let engineNames = (network.namedParameters() + network.namedBuffers()).map(\.0)
        let architecture = try #require(TimmArchitecture(timmName: timm))
        #expect(architecture.variant == variant)
        let renamed = engineNames.map { architecture.renaming?.timmName(for: $0) ?? $0 }
        #expect(Set(renamed) == (try Self.timmNames(timm)))
        if let renaming = architecture.renaming {
            #expect(engineNames.allSatisfy { renaming.timmName(for: $0) != nil })
            #expect(renamed.map { renaming.hubName(for: $0) } == engineNames)
        }
    }
}
