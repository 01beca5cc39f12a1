import Manifest

extension ModelPage {
    /// A command to copy: shown in `<pre id=…>` with a copy button (`hub.js`).
    struct Command: Sendable {
        /// The element id the copy button names.
        let id: String
        let label: String
        let text: String

        /// `hub pull`, `hub finetune`, `hf_hub_download` and, when timm has the architecture,
        /// `timm.create_model`, each against this registry when the request said where it is.
        static func all(for manifest: ModelManifest, reference: String, access: Access) -> [Command] {
            let registry = access.registryURL.map { " --registry " + $0 } ?? ""
            var commands = [
                Command(id: "command-pull", label: "Pull it", text: "hub pull \(reference)\(registry)"),
                Command(id: "command-finetune", label: "Fine-tune it on your images",
                        text: "hub finetune \(reference) --data DIR --name YOU/NEW-MODEL\(registry)"),
            ]
            let endpoint = (access.registryURL ?? "http://HOST:PORT") + "/hf"
            let repository = pythonString(manifest.name)
            let revision = pythonString(access.commitID)
            commands.append(Command(id: "command-hf", label: "Download with huggingface_hub", text: """
                import os
                os.environ["HF_ENDPOINT"] = \(pythonString(endpoint))  # before importing huggingface_hub
                from huggingface_hub import hf_hub_download
                path = hf_hub_download(repo_id=\(repository), filename="model.safetensors", revision=\(revision))
                """))
            if access.timmCompatible {
                commands.append(Command(id: "command-timm", label: "Load with timm", text: """
                    import os
                    os.environ["HF_ENDPOINT"] = \(pythonString(endpoint))  # before importing timm
                    import timm
                    model = timm.create_model(\(pythonString("hf-hub:\(manifest.name)@\(access.commitID)")), pretrained=True)
                    """))
            }
            return commands
        }

        /// A Python string literal (double quotes, backslash and quote escaped); names and URLs hold no line
        /// breaks, but any would be escaped too.
        static func pythonString(_ text: String) -> String {
            var literal = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": literal += "\\\\"
                case "\"": literal += "\\\""
                case "\n": literal += "\\n"
                case "\r": literal += "\\r"
                default: literal.unicodeScalars.append(scalar)
                }
            }
            return literal + "\""
        }
    }
}
