import Foundation
import PostgresNIO

/// A row PostgreSQL answered, read as the repositories read SQLite's: integers from any integer or
/// numeric column (`COUNT`, `SUM`), doubles from floats and numerics, booleans as 1 and 0. A value
/// that does not fit (a numeric past Int64, bytes that are not UTF-8) reads as SQLite would give it:
/// 0, or text with replacement characters; a column index past the row reads as NULL.
struct PostgresResultRow: DatabaseRow {
    let row: PostgresRandomAccessRow

    private func cell(_ index: Int32) -> PostgresCell? {
        let position = Int(index)
        guard position >= 0, position < row.count else { return nil }
        let cell = row[position]
        return cell.bytes == nil ? nil : cell
    }

    func isNull(_ index: Int32) -> Bool { cell(index) == nil }

    func int64(_ index: Int32) -> Int64 {
        guard let cell = cell(index) else { return 0 }
        switch cell.dataType {
        case .int2, .int4, .int8: return (try? cell.decode(Int64.self)) ?? 0
        case .bool: return (try? cell.decode(Bool.self)) == true ? 1 : 0
        case .numeric:
            guard let decimal = try? cell.decode(Decimal.self) else { return 0 }
            return Int64(exactly: NSDecimalNumber(decimal: decimal).doubleValue.rounded(.towardZero)) ?? 0
        case .float4, .float8:
            let value = double(index)
            return value.isFinite && abs(value) < 9.2e18 ? Int64(value.rounded(.towardZero)) : 0
        default: return Int64(text(index)) ?? 0
        }
    }

    func double(_ index: Int32) -> Double {
        guard let cell = cell(index) else { return 0 }
        switch cell.dataType {
        case .float4, .float8: return (try? cell.decode(Double.self)) ?? 0
        case .numeric: return (try? cell.decode(Decimal.self)).map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
        case .int2, .int4, .int8, .bool: return Double(int64(index))
        default: return Double(text(index)) ?? 0
        }
    }

    func text(_ index: Int32) -> String {
        guard let cell = cell(index), var bytes = cell.bytes else { return "" }
        switch cell.dataType {
        case .int2, .int4, .int8, .bool: return String(int64(index))
        case .float4, .float8: return String(double(index))
        case .numeric: return (try? cell.decode(Decimal.self)).map { "\($0)" } ?? ""
        default: return bytes.readString(length: bytes.readableBytes) ?? ""
        }
    }

    func data(_ index: Int32) -> Data {
        guard let cell = cell(index), let bytes = cell.bytes else { return Data() }
        return Data(bytes.readableBytesView)
    }
}
