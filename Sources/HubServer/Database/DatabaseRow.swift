import Foundation

/// The current row of a query, read by column index (0-based) with the types the repositories store.
public protocol DatabaseRow {
    /// True when column `index` is NULL.
    func isNull(_ index: Int32) -> Bool
    /// Column `index` as an integer (0 when NULL).
    func int64(_ index: Int32) -> Int64
    /// Column `index` as a double (0 when NULL).
    func double(_ index: Int32) -> Double
    /// Column `index` as text ("" when NULL).
    func text(_ index: Int32) -> String
    /// Column `index` as bytes (empty when NULL).
    func data(_ index: Int32) -> Data
}

extension DatabaseRow {
    /// Column `index` as an integer, or nil when NULL.
    public func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    /// Column `index` as a double, or nil when NULL.
    public func optionalDouble(_ index: Int32) -> Double? { isNull(index) ? nil : double(index) }
    /// Column `index` as text, or nil when NULL.
    public func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }
}
