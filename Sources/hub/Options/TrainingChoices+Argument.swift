import ArgumentParser
import Engine
import Finetune
import HubClient

// The training choices `hub finetune` takes by their raw names (`--strategy top-k`, `--optimizer adamw`, ...).
extension FinetuneRequest.StrategyChoice: ExpressibleByArgument {}
extension TrainingConfiguration.OptimizerKind: ExpressibleByArgument {}
extension TrainingConfiguration.BatchNormMode: ExpressibleByArgument {}
extension TrainingConfiguration.ScheduleKind: ExpressibleByArgument {}
