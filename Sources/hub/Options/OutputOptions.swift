import ArgumentParser

/// `--json`: the command's result as JSON on standard output instead of text (progress lines are then
/// off too, so standard output holds only the JSON document). Each command's help says what it contains.
struct OutputOptions: ParsableArguments {
    /// `--json`.
    @Flag(help: "Print the result as JSON instead of text.")
    var json = false
}
