import Foundation

/// Where a run stands: what `--resume` needs to continue exactly where it stopped.
struct RunState {
    var completedEpochs = 0
    var records: [EpochRecord] = []
    var bestEpoch = 0
    var bestAccuracy = -Double.infinity
    var bestLoss = Double.infinity
    var epochsSinceBest = 0
    /// The trained stages' weights at the best epoch.
    var bestSnapshot: NamedTensors?
    /// Optimizer state read from a checkpoint, consumed by the first `prepare`.
    var optimizer: NamedTensors?

    /// Adds an epoch; keeps a snapshot when it is the best so far (higher validation accuracy,
    /// ties broken by lower validation loss; without validation, the latest epoch).
    mutating func record(_ record: EpochRecord, metrics: ClassificationMetrics?, snapshot: () -> NamedTensors) {
        records.append(record)
        completedEpochs = record.epoch
        let accuracy = metrics?.accuracy ?? Double(record.epoch)
        let loss = metrics?.loss ?? 0
        if accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss) {
            bestAccuracy = accuracy
            bestLoss = loss
            bestEpoch = record.epoch
            bestSnapshot = snapshot()
            epochsSinceBest = 0
        } else {
            epochsSinceBest += 1
        }
    }
}

/// The JSON part of a checkpoint (`progress.json`); the tensors sit next to it.
struct CheckpointProgress: Codable {
    var resumeKey: String
    var completedEpochs: Int
    var records: [EpochRecord]
    var bestEpoch: Int
    var bestAccuracy: Double
    var bestLoss: Double
    var epochsSinceBest: Int
}

/// Checkpoints: after every epoch, `<dir>/epoch-<N>/` with `progress.json`, `weights.safetensors`
/// (the stages any epoch trains), `best.safetensors` and `optimizer.safetensors`. The folder is
/// written as `epoch-<N>.partial` and renamed when complete, so a run killed mid-write resumes
/// from the previous epoch; older epoch folders are then removed.
extension Trainer {
    func writeCheckpoint(_ state: RunState) throws {
        guard let directory = configuration.checkpointDirectory, let optimizer else { return }
        let fileManager = FileManager.default
        let final = (directory as NSString).appendingPathComponent("epoch-\(state.completedEpochs)")
        let partial = final + ".partial"
        do {
            try? fileManager.removeItem(atPath: partial)
            try fileManager.createDirectory(atPath: partial, withIntermediateDirectories: true)
            let trained = earliestTrained..<network.stages.count
            try SafetensorsWriter.write(network.state(of: trained), to: partial + "/weights.safetensors")
            try SafetensorsWriter.write(state.bestSnapshot ?? network.state(of: trained), to: partial + "/best.safetensors")
            var optimizerState = NamedTensors()
            for (name, tensor) in optimizer.state().sorted(by: { $0.key < $1.key }) { optimizerState.set(tensor, for: name) }
            try SafetensorsWriter.write(optimizerState, to: partial + "/optimizer.safetensors")
            let progress = CheckpointProgress(
                resumeKey: configuration.resumeKey, completedEpochs: state.completedEpochs, records: state.records,
                bestEpoch: state.bestEpoch, bestAccuracy: state.bestAccuracy, bestLoss: state.bestLoss,
                epochsSinceBest: state.epochsSinceBest)
            try JSONEncoder().encode(progress).write(to: URL(fileURLWithPath: partial + "/progress.json"))
            try? fileManager.removeItem(atPath: final)
            try fileManager.moveItem(atPath: partial, toPath: final)
        } catch {
            throw DataSetError(path: directory, "cannot write the checkpoint of epoch \(state.completedEpochs): \(error)")
        }
        for older in Self.completedCheckpoints(in: directory) where older < state.completedEpochs {
            try? fileManager.removeItem(atPath: (directory as NSString).appendingPathComponent("epoch-\(older)"))
        }
    }

    /// The state of the last complete checkpoint when resuming, with the weights loaded back.
    func resumeState() throws -> RunState? {
        guard configuration.resume, let directory = configuration.checkpointDirectory else { return nil }
        guard let epoch = Self.completedCheckpoints(in: directory).max() else {
            observer?.trainingNote("no checkpoint in \(directory): starting from epoch 1")
            return nil
        }
        let folder = (directory as NSString).appendingPathComponent("epoch-\(epoch)")
        let progress: CheckpointProgress
        do {
            progress = try JSONDecoder().decode(CheckpointProgress.self,
                                                from: Data(contentsOf: URL(fileURLWithPath: folder + "/progress.json")))
        } catch {
            throw DataSetError(path: folder, "unreadable checkpoint (\(error)); start over without --resume")
        }
        guard progress.resumeKey == configuration.resumeKey else {
            throw DataSetError(path: folder, "this checkpoint was made with other settings (\(progress.resumeKey)); "
                + "resume with the same options, or start over without --resume")
        }
        let trained = earliestTrained..<network.stages.count
        var state = RunState(completedEpochs: progress.completedEpochs, records: progress.records,
                             bestEpoch: progress.bestEpoch, bestAccuracy: progress.bestAccuracy,
                             bestLoss: progress.bestLoss, epochsSinceBest: progress.epochsSinceBest)
        do {
            try network.restore(try SafetensorsFile(path: folder + "/weights.safetensors").readAll(), stages: trained)
            state.bestSnapshot = try SafetensorsFile(path: folder + "/best.safetensors").readAll()
            state.optimizer = try SafetensorsFile(path: folder + "/optimizer.safetensors").readAll()
        } catch {
            throw DataSetError(path: folder, "cannot load the checkpoint's tensors: \(error)")
        }
        return state
    }

    /// Epoch numbers of the complete checkpoint folders in `directory`.
    static func completedCheckpoints(in directory: String) -> [Int] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.compactMap { $0.hasPrefix("epoch-") ? Int($0.dropFirst(6)) : nil }
    }
}
