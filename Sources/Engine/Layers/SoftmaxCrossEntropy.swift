import Foundation

/// Softmax followed by cross-entropy against class indices, averaged over the batch
/// (PyTorch `nn.CrossEntropyLoss(label_smoothing:)`).
///
/// With smoothing ε the target for class k is (1 - ε) * onehot + ε / K.
public struct SoftmaxCrossEntropy: Sendable {
    /// The label-smoothing amount ε in [0, 1).
    public var labelSmoothing: Float

    /// A loss with the given label smoothing (0: none).
    public init(labelSmoothing: Float = 0) { self.labelSmoothing = labelSmoothing }

    /// The mean loss over the batch and its gradient with respect to the logits `[N, K]`.
    public func callAsFunction(logits: Tensor, labels: [Int]) -> (loss: Float, gradient: Tensor) {
        precondition(logits.rank == 2 && logits.batchSize == labels.count, "logits \(logits.shape) vs \(labels.count) labels")
        let batch = logits.batchSize, classes = logits.shape[1]
        var gradient = Tensor(uninitializedShape: logits.shape)
        var total = 0.0
        logits.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { dz in
                for row in 0..<batch {
                    total += lossRow(z.baseAddress! + row * classes, dz.baseAddress! + row * classes,
                                     classes: classes, label: labels[row], batch: batch)
                }
            }
        }
        return (Float(total / Double(batch)), gradient)
    }

    /// Writes (softmax - target) / batch for one row and returns its loss.
    private func lossRow(
        _ z: UnsafePointer<Float>, _ dz: UnsafeMutablePointer<Float>, classes: Int, label: Int, batch: Int
    ) -> Double {
        precondition(label >= 0 && label < classes, "label \(label) outside 0..<\(classes)")
        var maximum = -Float.infinity
        for k in 0..<classes { maximum = max(maximum, z[k]) }
        var sum = 0.0
        for k in 0..<classes { sum += Foundation.exp(Double(z[k] - maximum)) }
        let logSum = Double(maximum) + Foundation.log(sum)
        let offTarget = Double(labelSmoothing) / Double(classes)
        var loss = 0.0
        for k in 0..<classes {
            let target = offTarget + (k == label ? 1 - Double(labelSmoothing) : 0)
            let logProbability = Double(z[k]) - logSum
            loss -= target * logProbability
            dz[k] = Float((Foundation.exp(logProbability) - target) / Double(batch))
        }
        return loss
    }
}
