/// Every template, by the name pages and `{{<parent}}`/`{{>partial}}` tags use: the files in `Templates/`,
/// embedded by SwiftPM (`.embedInCode`). A new page adds its file here.
enum Templates {
    static let all: [(name: String, bytes: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("error", PackageResources.error_mustache),
        ("search", PackageResources.search_mustache),
        ("model-list", PackageResources.model_list_mustache),
        ("copy-command", PackageResources.copy_command_mustache),
        ("namespace", PackageResources.namespace_mustache),
        ("sign-in", PackageResources.sign_in_mustache),
        ("model", PackageResources.model_mustache),
        ("compare", PackageResources.compare_mustache),
        ("lineage", PackageResources.lineage_mustache),
    ]
}
