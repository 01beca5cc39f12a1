import Engine
import Foundation

/// Lists an image-folder data set: `DIR/<class>/*.{jpg,jpeg,png}`, one sub-folder per class,
/// class names from the folder names in sorted order (torchvision's `ImageFolder`).
public enum ImageFolder {
    /// File extensions taken as images (compared without case).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    /// The examples under `directory`, without decoding anything.
    ///
    /// Hidden files and files of other types are ignored; nested folders inside a class folder are
    /// searched too. Fails when the directory is missing, has no class folders, or has no images.
    public static func list(_ directory: String, name: String? = nil) throws(DataSetError) -> LabeledDataSet {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataSetError(path: directory, "is not a directory; expected DIR/<class>/*.jpg|png")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let classes: [String]
        do {
            classes = try fileManager.contentsOfDirectory(atPath: root.path).filter { entry in
                var isFolder: ObjCBool = false
                return !entry.hasPrefix(".")
                    && fileManager.fileExists(atPath: root.appendingPathComponent(entry).path, isDirectory: &isFolder)
                    && isFolder.boolValue
            }.sorted()
        } catch {
            throw DataSetError(path: directory, "cannot be listed: \(error.localizedDescription)")
        }
        guard !classes.isEmpty else {
            throw DataSetError(path: directory, "has no class folders; put each class's images in DIR/<class>/")
        }
        var examples: [LabeledExample] = []
        for (label, className) in classes.enumerated() {
            for relative in imageFiles(in: root.appendingPathComponent(className)) {
                let identifier = className + "/" + relative
                examples.append(LabeledExample(identifier: identifier, label: label,
                                               source: .file(root.appendingPathComponent(identifier).path)))
            }
        }
        guard !examples.isEmpty else {
            throw DataSetError(path: directory, "holds no .jpg, .jpeg or .png files in its class folders")
        }
        return LabeledDataSet(name: name ?? root.lastPathComponent, labels: classes, examples: examples)
    }

    /// Relative paths of the image files below `folder`, sorted.
    private static func imageFiles(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let last = (relative as NSString).lastPathComponent
            guard !last.hasPrefix("."),
                  imageExtensions.contains((last as NSString).pathExtension.lowercased()) else { continue }
            files.append(relative)
        }
        return files.sorted()
    }
}
