import Foundation

@testable import Engine

/// The deterministic parameter values of scripts/golden/hashed_init.py, recomputed bit for bit, so
/// whole-network golden tests need no stored weights (see that file for the formula).
enum GoldenWeights {
    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// The `index`-th value in [-1, 1) of the SplitMix64 stream seeded with `seed`.
    @inline(__always)
    static func unitValue(seed: UInt64, index: Int) -> Float {
        var z = seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Float(Int(z >> 40) * 2 - (1 << 24)) / Float(1 << 24)
    }

    /// The value hashed_init.py gives the tensor `name` of `shape`.
    static func tensor(_ name: String, shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        let seed = fnv1a64(name)
        let leaf = name.split(separator: ".").last.map(String.init) ?? name
        let (scale, offset): (Float, Float)
        if shape.count >= 2 {
            (scale, offset) = (Float((6.0 / Double(shape.dropFirst().reduce(1, *))).squareRoot()), 0)
        } else if leaf == "weight" {
            (scale, offset) = (0.25, 1)
        } else if leaf == "bias" || leaf == "running_mean" {
            (scale, offset) = (0.1, 0)
        } else if leaf == "running_var" {
            (scale, offset) = (0.5, 1)
        } else {
            (scale, offset) = (1, 0)
        }
        // offset + scale * u, rounded after each operation as numpy's float32 arithmetic does.
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let product = scale * unitValue(seed: seed, index: index)
                buffer[index] = offset == 0 ? product : offset + product
            }
            initialized = count
        }
        return try! Tensor(shape: shape, values: values)
    }

    /// Sets every parameter and buffer of `layer` to its hashed value.
    static func fill(_ layer: any Layer) {
        for (name, parameter) in layer.namedParameters() + layer.namedBuffers() {
            parameter.value = tensor(name, shape: parameter.shape)
        }
    }

    /// Whether `actual` is within `relative` of `expected`, measured against the largest expected magnitude
    /// (at least 1); returns the error and the bound for messages.
    static func close(_ actual: Tensor, _ expected: Tensor, relative: Float) -> (ok: Bool, error: Float, bound: Float) {
        let scale = max(1, expected.values.map(abs).max() ?? 0)
        guard actual.count == expected.count else { return (false, .infinity, relative * scale) }
        let error = zip(actual.values, expected.values).map { abs($0 - $1) }.max() ?? 0
        return (error <= relative * scale, error, relative * scale)
    }
}
