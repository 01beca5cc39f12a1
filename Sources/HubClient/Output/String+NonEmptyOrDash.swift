extension String {
    /// The string, or `-` when empty (an empty table or tree cell).
    package var nonEmptyOrDash: String { isEmpty ? "-" : self }
}
