import COpenBLAS
import Foundation

/// Which OpenBLAS kernels run, and which to ask for when OpenBLAS's own CPU detection fell back to old ones.
///
/// OpenBLAS 0.3.21 (Debian 12) does not know recent Intel models and then runs its Prescott (SSE3)
/// kernels: GEMM 3-4x slower, and without FMA a rounding different enough from PyTorch's that training
/// results drift. OpenBLAS reads `OPENBLAS_CORETYPE` only when the library is loaded, so the choice has to
/// be made before the process starts (the `hub` command restarts itself once with it set).
public enum BLASCore {
    /// The CPU type whose kernels OpenBLAS runs (`Haswell`, `SkylakeX`, `Prescott`, ...).
    public static var current: String { String(cString: openblas_get_corename()) }

    /// Kernel sets that use AVX2 and FMA (or better): nothing to gain by asking for another.
    static let modern: Set<String> = ["haswell", "skylakex", "cooperlake", "sapphirerapids", "zen"]

    /// The kernels to ask for: `Haswell` when OpenBLAS chose kernels older than a CPU with AVX2 and FMA
    /// and `OPENBLAS_CORETYPE` is not set; nil when OpenBLAS's choice should stand.
    public static func preferred(current: String, cpuFlags: Set<String>, environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, !modern.contains(current.lowercased()),
              cpuFlags.contains("avx2"), cpuFlags.contains("fma") else { return nil }
        return "Haswell"
    }

    /// `preferred` for this process: OpenBLAS's choice, the CPU's flags (`/proc/cpuinfo`), the environment.
    public static var preferredForThisProcess: String? {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flagsLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
        return preferred(current: current, cpuFlags: flags, environment: ProcessInfo.processInfo.environment)
    }
}
