/// The strict JSON parser, `JSONValue` and canonical JSON live in their own Foundation-only module,
/// so that format readers that must not depend on manifests (the engine's safetensors reader) share
/// them; `import Manifest` keeps offering them as before.
@_exported import StrictJSON
