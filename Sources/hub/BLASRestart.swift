import Engine
import Foundation

/// Restarts the process once with `OPENBLAS_CORETYPE` set when OpenBLAS picked kernels older than the CPU
/// (see `BLASCore`): the variable is read only when the library loads. Any failure keeps the current process.
enum BLASRestart {
    static func restartIfBetterKernelsExist() {
        #if os(Linux)
        guard let core = BLASCore.preferredForThisProcess else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")  // execv returned: it failed; carry on with OpenBLAS's own choice
        #endif
    }
}
