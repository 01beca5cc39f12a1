import Foundation

/// How many cores other processes (and the hypervisor, as steal time) kept busy while a child
/// measurement ran: the machine's busy time from /proc/stat minus the children's own CPU time, over
/// the wall time. On a shared 2-core machine a measurement taken beside another job is not
/// comparable, and this says so next to the number.
struct OtherLoad {
    private var busySeconds: Double
    private var childSeconds: Double
    private var start: Date

    /// Starts a reading; nil where /proc/stat is unavailable.
    init?() {
        guard let busy = Self.machineBusySeconds() else { return nil }
        busySeconds = busy
        childSeconds = Self.childrenCPUSeconds()
        start = Date()
    }

    /// Average cores used by everything but our children since `init`.
    func cores() -> Double {
        guard let busy = Self.machineBusySeconds() else { return 0 }
        let wall = Date().timeIntervalSince(start)
        let others = (busy - busySeconds) - (Self.childrenCPUSeconds() - childSeconds)
        return wall > 0 ? max(0, others / wall) : 0
    }

    /// user + nice + system + irq + softirq + steal over all CPUs, in seconds.
    private static func machineBusySeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return nil }
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User + system CPU seconds of our terminated, waited-for children.
    private static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
