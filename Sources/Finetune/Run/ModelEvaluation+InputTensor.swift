import Engine
import Foundation
import Safetensors

extension ModelEvaluation {
    /// The largest batch `hub predict --input-tensor` runs in one forward pass.
    public static let maximumInputBatch = 256

    /// The logits of `model` on an already preprocessed input: a safetensors file holding exactly one F32
    /// tensor of shape `[N, C, H, W]` or `[C, H, W]` (a batch of one) whose `[C, H, W]` is the model's
    /// `input.shape`. No preprocessing is applied, so the same tensor can be given to another framework
    /// (PyTorch, timm) to compare outputs. Returns one row of logits per input.
    public static func logits(_ model: LoadedModel, inputTensorAt path: String) throws(FinetuneError) -> [[Float]] {
        try logits(model, input: try inputTensor(at: path, shape: model.inputShape))
    }

    /// The logits of `model` in inference mode on a batch `[N, C, H, W]`: one row per input.
    public static func logits(_ model: LoadedModel, input: Tensor) throws(FinetuneError) -> [[Float]] {
        model.network.setMode(.inference)
        let output = model.network.forward(input)
        let rows = input.shape[0]
        guard output.shape.count == 2, output.shape[0] == rows else {
            throw FinetuneError(.failure, "the network gave an output of shape \(output.shape) for \(rows) inputs")
        }
        let columns = output.shape[1]
        let values = output.values
        return (0..<rows).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// Reads the one F32 tensor of the safetensors file at `path`, checked against `shape` ([C, H, W]),
    /// as a batch `[N, C, H, W]`.
    static func inputTensor(at path: String, shape: [Int]) throws(FinetuneError) -> Tensor {
        let file: SafetensorsFile
        do { file = try SafetensorsFile(path: path) } catch {
            throw FinetuneError(.usage, "cannot read the input tensor file \(path): \(error)",
                                advice: "give a .safetensors file with one float32 tensor [N, 3, H, W]")
        }
        guard file.entries.count == 1, let entry = file.entries.first else {
            throw FinetuneError(.usage, "\(path) holds \(file.entries.count) tensors, expected exactly one",
                                advice: "save only the preprocessed input, e.g. safetensors.torch.save_file({'input': x}, path)")
        }
        guard entry.dtype == .F32 else {
            throw FinetuneError(.usage, "tensor '\(entry.name)' in \(path) is \(entry.dtype.rawValue), expected F32")
        }
        let batched = entry.shape.count == shape.count ? [1] + entry.shape : entry.shape
        guard batched.count == shape.count + 1, Array(batched.dropFirst()) == shape else {
            throw FinetuneError(.usage, "tensor '\(entry.name)' in \(path) has shape \(entry.shape), expected "
                                + "\(shape) or [N] + \(shape) (the model's input shape)")
        }
        guard (1...maximumInputBatch).contains(batched[0]) else {
            throw FinetuneError(.usage, "tensor '\(entry.name)' in \(path) has a batch of \(batched[0]) inputs, "
                                + "expected 1 to \(maximumInputBatch)")
        }
        let tensor: Tensor
        do { tensor = try file.tensor(named: entry.name) } catch {
            throw FinetuneError(.usage, "cannot read tensor '\(entry.name)' in \(path): \(error)")
        }
        do { return try Tensor(shape: batched, values: tensor.values) } catch {
            throw FinetuneError(.usage, "tensor '\(entry.name)' in \(path): \(error)")
        }
    }
}
