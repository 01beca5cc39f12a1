/// Seeing a model from `Models` as stages, one per layer group.
extension StagedNetwork {
    /// The stages of `network`: one per layer group, each running that group's top-level entries
    /// under their state-dict names, so parameter names stay those of the checkpoint.
    ///
    /// Build it after `replaceHead`: the stages share the network's layer objects, so training
    /// them trains the network.
    public convenience init(_ network: Network) {
        self.init(stages: network.groups.map { group in
            NetworkStage(group: group.name, layer: Sequential(Array(network.body.layers[group.entries])))
        })
    }
}
