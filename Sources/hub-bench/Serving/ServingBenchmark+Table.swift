import Foundation

extension ServingBenchmark {
    /// The report as markdown: one row per case (hub, nginx, ratio, latencies, errors), the mixed load,
    /// and hub's memory.
    static func table(_ report: Report) -> String {
        var lines = ["| case | hub | nginx | hub/nginx | hub p50 / p99 | nginx p50 / p99 | hub errors, non-2xx |",
                     "|---|---|---|---|---|---|---|"]
        for row in report.rows {
            lines.append("| \(row.servingCase.name) | \(rate(row.hub, row.servingCase)) | \(rate(row.nginx, row.servingCase)) | "
                + "\(String(format: "%.2f", row.ratio))x | \(latency(row.hub)) | \(latency(row.nginx)) | "
                + "\(row.hub.socketErrors), \(row.hub.non2xx) |")
        }
        let mixed = report.mixed
        lines.append("")
        lines.append("mixed load on hub (\(mixed.name)): \(mixed.requests) requests, \(String(format: "%.0f", mixed.requestsPerSecond)) req/s, "
            + "p50 / p99 \(latency(mixed)), \(mixed.socketErrors) socket errors, \(mixed.non2xx) non-2xx")
        lines.append("hub's memory after every case: peak resident (VmHWM) \(mebibytes(report.peakResidentBytes)), "
            + "resident now (VmRSS) \(mebibytes(report.residentBytes))")
        lines.append(report.isClean ? "hub answered every request 2xx" : "FAILED: hub answered some requests with errors or non-2xx")
        return lines.joined(separator: "\n")
    }

    private static func rate(_ result: LoadBenchmark.Result, _ servingCase: ServingCase) -> String {
        let requests = String(format: "%.0f req/s", result.requestsPerSecond)
        guard let bytes = servingCase.responseBytes else { return requests }
        return requests + String(format: " (%.0f MB/s)", result.requestsPerSecond * Double(bytes) / 1e6)
    }

    private static func latency(_ result: LoadBenchmark.Result) -> String {
        String(format: "%.2f / %.2f ms", result.p50Milliseconds, result.p99Milliseconds)
    }

    private static func mebibytes(_ bytes: Int64?) -> String {
        bytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "unknown"
    }
}
