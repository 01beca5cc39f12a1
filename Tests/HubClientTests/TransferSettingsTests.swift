import Foundation
@testable import HubClient
import Testing

/// Every `HUB_*` transfer setting is read once, into `ClientConfiguration.transfers`, with the
/// bounds docs/cli.md states.
@Suite("transfer settings from the environment")
struct TransferSettingsTests {
    @Test("an empty environment gives the defaults: 4 tries, 4 transfers, 32 MiB chunks, a 1 TiB pull cap")
    func defaults() {
        let settings = TransferSettings(environment: [:])
        #expect(settings == TransferSettings())
        #expect(settings.retry == RetryPolicy(attempts: 4, initialDelay: 0.25, maximumDelay: 4))
        #expect(settings.parallelTransfers == 4)
        #expect(settings.uploadChunkBytes == 32 << 20)
        #expect(settings.maximumPullBytes == 1 << 40)
        #expect(settings.maximumReceiveSpeed == nil && settings.maximumSendSpeed == nil)
        #expect(!settings.debug && settings.caBundle == nil)
    }

    @Test("every variable is read", arguments: [
        ("HUB_RETRIES", "7"), ("HUB_PARALLEL", "2"), ("HUB_UPLOAD_CHUNK_BYTES", "1000"),
        ("HUB_MAX_PULL_BYTES", "5000"), ("HUB_MAX_RECV_SPEED", "250000"), ("HUB_MAX_SEND_SPEED", "100000"),
        ("HUB_DEBUG", "1"), ("HUB_CA_BUNDLE", "/etc/ca.pem"),
    ])
    func read(name: String, value: String) {
        let settings = TransferSettings(environment: [name: value])
        #expect(settings != TransferSettings(), "\(name)=\(value) changed nothing")
    }

    @Test("values are taken as given within their bounds")
    func values() {
        let settings = TransferSettings(environment: [
            "HUB_RETRIES": "7", "HUB_PARALLEL": "2", "HUB_UPLOAD_CHUNK_BYTES": "1000", "HUB_MAX_PULL_BYTES": "5000",
            "HUB_MAX_RECV_SPEED": "250000", "HUB_MAX_SEND_SPEED": "100000", "HUB_DEBUG": "1", "HUB_CA_BUNDLE": "/etc/ca.pem",
        ])
        #expect(settings.retry.attempts == 7)
        #expect(settings.parallelTransfers == 2)
        #expect(settings.uploadChunkBytes == 1000)
        #expect(settings.maximumPullBytes == 5000)
        #expect(settings.maximumReceiveSpeed == 250_000 && settings.maximumSendSpeed == 100_000)
        #expect(settings.debug && settings.caBundle == "/etc/ca.pem")
    }

    @Test("HUB_RETRIES is clamped to 1...50 and HUB_PARALLEL to 1...16")
    func bounds() {
        #expect(TransferSettings(environment: ["HUB_RETRIES": "0"]).retry.attempts == 1)
        #expect(TransferSettings(environment: ["HUB_RETRIES": "1000"]).retry.attempts == RetryPolicy.maximumAttempts)
        #expect(RetryPolicy.maximumAttempts == 50)
        #expect(TransferSettings(environment: ["HUB_PARALLEL": "0"]).parallelTransfers == 1)
        #expect(TransferSettings(environment: ["HUB_PARALLEL": "99"]).parallelTransfers == 16)
    }

    @Test("a value that is not a positive number keeps the default")
    func ignored() {
        let settings = TransferSettings(environment: [
            "HUB_RETRIES": "many", "HUB_PARALLEL": "", "HUB_UPLOAD_CHUNK_BYTES": "0", "HUB_MAX_PULL_BYTES": "-1",
            "HUB_MAX_RECV_SPEED": "0", "HUB_MAX_SEND_SPEED": "fast", "HUB_DEBUG": "", "HUB_CA_BUNDLE": "",
        ])
        #expect(settings == TransferSettings())
    }

    @Test("resolving the configuration reads the transfer settings from the same environment")
    func resolved() {
        let configuration = ClientConfiguration.resolve(environment: ["HOME": "/home/someone", "HUB_RETRIES": "9",
                                                                      "HUB_PARALLEL": "3"], file: ConfigFile())
        #expect(configuration.transfers.retry.attempts == 9)
        #expect(configuration.transfers.parallelTransfers == 3)
        let plain = ClientConfiguration(registry: "http://x", token: nil, cacheDirectory: URL(fileURLWithPath: "/c"))
        #expect(plain.transfers == TransferSettings())
    }

    @Test("the retry backoff doubles from 0.25 s and stops growing at 4 s")
    func backoff() {
        let policy = RetryPolicy.standard()
        #expect([1, 2, 3, 4, 5, 6, 40].map(policy.delay(before:)) == [0.25, 0.5, 1, 2, 4, 4, 4])
    }
}
