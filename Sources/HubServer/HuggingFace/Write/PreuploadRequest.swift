import Foundation
import HuggingFace

/// `POST /hf/api/models/{repo}/preupload/{rev}`: `{"files":[{"path","sample","size"}]}` asks how each
/// file is to be sent; the answer `{"files":[{"path","uploadMode","shouldIgnore","oid"?}]}` says `lfs`
/// or `regular`, and gives the file's current `oid` at that revision (SHA-256 for `lfs`, git blob id for
/// `regular`) so the client skips unchanged files, and the whole commit when nothing changed. Files hub
/// does not keep (`CommitImport.discardedPaths`) are to be ignored: the client sends neither them nor
/// their bytes.
struct PreuploadRequest: Sendable {
    /// Most files one request may name (huggingface_hub sends at most 256).
    static let maximumFiles = 1000
    /// Largest body accepted.
    static let maximumBodyBytes = 4 << 20
    /// Files larger than this always go through LFS (regular files travel base64 inside the commit).
    static let largestRegularFile: Int64 = 1 << 20
    /// Extensions of binary weight files, which always go through LFS.
    static let lfsExtensions: Set<String> = ["safetensors", "bin", "pt", "pth", "ckpt", "h5", "onnx", "msgpack", "npz",
                                             "pkl", "gguf", "tflite"]

    /// One file the client means to upload.
    struct File: Sendable {
        let path: String
        let size: Int64

        /// `lfs` for weights and anything over `largestRegularFile`, `regular` otherwise.
        var uploadMode: String {
            let fileExtension = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            return size > PreuploadRequest.largestRegularFile || PreuploadRequest.lfsExtensions.contains(fileExtension)
                ? "lfs" : "regular"
        }
    }

    /// The files, in request order.
    let files: [File]

    /// Parses the body.
    init(parsing data: Data) throws(HuggingFaceAPIError) {
        let form = "{\"files\":[{\"path\":<path>,\"size\":<bytes>,\"sample\":<base64>}]}"
        let body = try HuggingFaceBody.object(data, expected: form)
        guard let list = body["files"]?.arrayValue else { throw HuggingFaceBody.invalid("files must be an array; expected \(form)") }
        guard list.count <= Self.maximumFiles else {
            throw HuggingFaceBody.invalid("at most \(Self.maximumFiles) files per request, got \(list.count)")
        }
        var files: [File] = []
        for (index, entry) in list.enumerated() {
            files.append(File(path: try HuggingFaceBody.string(entry["path"], at: "files[\(index)].path"),
                              size: try HuggingFaceBody.byteCount(entry["size"], at: "files[\(index)].size")))
        }
        self.files = files
    }

    /// The answer, comparing with `current` (the files at the revision; nil when it does not exist yet).
    func answer(current: [StoredVersionFile]?) -> Answer {
        Answer(files: files.map { file in
            let mode = file.uploadMode
            let existing = current?.first { $0.path == file.path }
            let oid: String? = switch (mode, existing) {
            case let ("lfs", existing?): existing.sha256
            case let ("regular", existing?) where !existing.isLFS: existing.oid
            default: nil
            }
            return Answer.Entry(path: file.path, uploadMode: mode,
                                shouldIgnore: CommitImport.discardedPaths.contains(file.path), oid: oid)
        })
    }

    /// The response body.
    struct Answer: Encodable, Sendable {
        let files: [Entry]

        /// How to send one file, and its current oid (absent when the revision has no such file).
        struct Entry: Encodable, Sendable {
            let path: String
            let uploadMode: String
            let shouldIgnore: Bool
            let oid: String?
        }
    }
}
