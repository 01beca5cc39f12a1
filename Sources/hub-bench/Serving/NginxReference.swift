import Foundation

/// Debian's nginx serving static files, the reference the serving benchmark compares `hub serve` with:
/// its own configuration and prefix in a temporary folder (sendfile on, 2 workers, an access log as
/// hub logs each request, running as the current user), on a free loopback port. The files sit at the
/// same URL paths as hub's routes, so one wrk command line differs only in the port.
final class NginxReference {
    /// Where Debian installs it.
    static let executable = "/usr/sbin/nginx"

    /// `http://127.0.0.1:PORT`.
    let url: String
    /// The prefix folder: configuration, logs, pid, temp paths and `www/`.
    let prefix: URL
    private let server: ServedProcess

    /// Writes `files` (URL path -> bytes) under the document root and starts nginx.
    init(files: [String: Data], in prefix: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw ChildProcess.Failure(command: Self.executable, reason: "not installed (apt-get install nginx; `make bench` does)")
        }
        self.prefix = prefix
        let root = prefix.appendingPathComponent("www")
        for folder in ["www", "temp", "logs"] {
            try FileManager.default.createDirectory(at: prefix.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (path, bytes) in files {
            let file = root.appendingPathComponent(String(path.drop { $0 == "/" }))
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: file)
        }
        let port = try ServedProcess.freeLoopbackPort()
        let configuration = prefix.appendingPathComponent("nginx.conf")
        try Self.configuration(prefix: prefix.path, port: port).write(to: configuration, atomically: true, encoding: .utf8)
        let process = try ServedProcess(name: "nginx", executable: Self.executable,
                                        arguments: ["-p", prefix.path + "/", "-c", configuration.path,
                                                     "-e", prefix.path + "/logs/error.log"],
                                        directory: prefix, output: nil, errors: prefix.appendingPathComponent("logs/stderr.log"))
        do { try ServedProcess.waitUntilListening(port: port) } catch {
            process.stop()
            let log = (try? String(contentsOf: prefix.appendingPathComponent("logs/error.log"), encoding: .utf8)) ?? ""
            throw ChildProcess.Failure(command: "nginx -c \(configuration.path)", reason: "did not start: \(log)")
        }
        url = "http://127.0.0.1:\(port)"
        server = process
    }

    /// Stops nginx (SIGTERM to its master process).
    func stop() { server.stop() }

    deinit { stop() }

    /// The configuration: in the foreground, everything inside `prefix`.
    static func configuration(prefix: String, port: Int) -> String {
        let user = getuid() == 0 ? "user root;\n" : ""  // as root nginx would switch its workers to nobody
        return """
            \(user)daemon off;
            worker_processes 2;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log \(prefix)/logs/access.log;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                default_type application/octet-stream;
                client_body_temp_path \(prefix)/temp/body;
                proxy_temp_path \(prefix)/temp/proxy;
                fastcgi_temp_path \(prefix)/temp/fastcgi;
                uwsgi_temp_path \(prefix)/temp/uwsgi;
                scgi_temp_path \(prefix)/temp/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    root \(prefix)/www;
                }
            }

            """
    }
}
