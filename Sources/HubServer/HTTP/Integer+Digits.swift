extension FixedWidthInteger {
    /// The number written in `text` with decimal digits only (no sign, no spaces, no exponent), or nil
    /// when `text` is anything else or the number does not fit this type. Numbers in headers, query
    /// parameters and cursors are read with this, so none can trap or wrap.
    init?(digits text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var value: Self = 0
        for byte in text.utf8 {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Self(byte - 0x30))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        self = value
    }
}
