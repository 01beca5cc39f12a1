@testable import Engine
import Testing

@Suite("OpenBLAS kernel choice")
struct BLASCoreTests {
    let modernCPU: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f"]

    @Test("old kernels on a CPU with AVX2 and FMA: ask for Haswell's")
    func fallbackOnModernCPU() {
        #expect(BLASCore.preferred(current: "Prescott", cpuFlags: modernCPU, environment: [:]) == "Haswell")
        #expect(BLASCore.preferred(current: "Sandybridge", cpuFlags: modernCPU, environment: [:]) == "Haswell")
    }

    @Test("OpenBLAS's choice stands when it is already AVX2 kernels, the CPU lacks FMA, or the environment chose")
    func choiceStands() {
        #expect(BLASCore.preferred(current: "SkylakeX", cpuFlags: modernCPU, environment: [:]) == nil)
        #expect(BLASCore.preferred(current: "Zen", cpuFlags: modernCPU, environment: [:]) == nil)
        #expect(BLASCore.preferred(current: "Prescott", cpuFlags: ["sse3", "avx"], environment: [:]) == nil)
        #expect(BLASCore.preferred(current: "Prescott", cpuFlags: modernCPU,
                                   environment: ["OPENBLAS_CORETYPE": "Prescott"]) == nil)
    }
}
