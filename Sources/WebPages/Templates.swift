/// Every template, by the name pages and `{{<parent}}` tags use: the files in `Templates/`, embedded by
/// SwiftPM (`.embedInCode`). A new page adds its file here.
enum Templates {
    static let all: [(name: String, bytes: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("error", PackageResources.error_mustache),
        ("model", PackageResources.model_mustache),
        ("compare", PackageResources.compare_mustache),
        ("lineage", PackageResources.lineage_mustache),
    ]
}
