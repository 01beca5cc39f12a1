/// The media types hub uses, as constants (OCI style).
public enum MediaType {
    /// A model manifest, version 1.
    public static let manifestV1 = "application/vnd.hub.model.manifest.v1+json"
    /// A layer group's weights as a safetensors file.
    public static let safetensors = "application/vnd.hub.weights.safetensors"
}
