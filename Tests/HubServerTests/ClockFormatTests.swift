import Foundation
@testable import HubServer
import Testing

@Suite("clock format")
struct ClockFormatTests {
    @Test("the hand-made ISO 8601 text equals ISO8601DateFormatter's, from 1970 to far ahead")
    func sameAsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for milliseconds: Int64 in [0, 999, 1_000, 59_999, 951_782_400_000, 1_767_225_600_123, 4_102_444_799_000, 253_402_300_799_000] {
            #expect(Clock.iso8601(milliseconds: milliseconds)
                == formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000))), "\(milliseconds)")
        }
    }
}
