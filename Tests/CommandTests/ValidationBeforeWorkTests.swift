import Foundation
import Testing

/// Bad flags are refused by `validate()` while parsing: exit code 64 and a message naming the flag,
/// before the cache is opened (its folder is not created) or the registry is asked (nothing connects).
@Suite("flag checks before any work")
struct ValidationBeforeWorkTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    @Test("a bad flag or argument fails with 64 and a clear message, with no file written and no request made",
          arguments: [
              (["eval", "some/model", "--data", "images", "--limit-per-class", "0"],
               "--limit-per-class must be a positive number, got 0"),
              (["finetune", "some/base", "--data", "images", "--name", "alice/new", "--val-split", "1.5"],
               "--val-split must lie between 0 and 1, got 1.5"),
              (["finetune", "some/base", "--data", "images", "--name", "alice/new", "--epochs", "0"],
               "--epochs, --batch and --unfreeze must be positive"),
              (["finetune", "some/base", "--data", "images", "--name", "alice/new@\(digest)"],
               "names a digest; give a name, optionally with a :tag"),
              (["import", "model.safetensors", "--arch", "small_cnn", "--name", "bob/tiny", "--input-size", "32",
                "--resize", "24"], "--resize 24 is smaller than the input size 32"),
              (["import", "model.safetensors", "--arch", "small_cnn", "--name", "bob/tiny", "--preprocess", "sepia"],
               "unknown --preprocess sepia"),
              (["import", "model.safetensors", "--arch", "small_cnn", "--name", "bob/tiny", "--author", " "],
               "--author must not be empty"),
              (["eval", "some/model", "--data", "images", "--batch", "0"], "--batch must be a positive number, got 0"),
              (["predict", "some/model", "cat.jpg", "--top", "0"], "--top must be a positive number, got 0"),
              (["search", "cats", "--limit", "0"], "--limit must be from 1 to 100, got 0"),
              (["lineage", "some/model", "--depth", "51"], "--depth must be from 1 to 50, got 51"),
              (["pull", "Tests/base"], "character 'T' at position 1 is not allowed"),
              (["login"], "nothing to save"),
          ])
    func refusedBeforeWork(_ arguments: [String], _ message: String) throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let registry = try ListeningSocket()
        let result = try hub.run(arguments, registry: registry.url, timeout: 60)
        #expect(result.status == 64, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: hub \(arguments[0])"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hub.cache.path), "the cache folder was created")
        #expect(!FileManager.default.fileExists(atPath: hub.config.path), "the config file was written")
        #expect(!registry.wasConnected(), "the registry was asked")
    }

    @Test("hub admin gc refuses a negative or overflowing age before opening the data directory",
          arguments: [(["--older-than=-1"], "--older-than must be from 0 to 315360000 seconds, got -1"),
                      (["--uploads-older-than", "9223372036854775807"],
                       "--uploads-older-than must be from 0 to 315360000 seconds, got 9223372036854775807")])
    func garbageCollectionAges(_ arguments: [String], _ message: String) throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let data = hub.directory.appendingPathComponent("data")
        let result = try hub.run(["admin", "gc", "--data", data.path] + arguments)
        #expect(result.status == 64, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.path), "the data directory was created")
    }

    @Test("a refusal that comes with advice prints it as a hint line")
    func hint() throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let result = try hub.run(["import", "model.safetensors", "--arch", "small_cnn", "--name", "bob/tiny",
                                  "--input-size", "32", "--resize", "24"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("hint: use --resize 32 or more"), "\(result.stderr)")
    }

    @Test("the same flags within range go on to the work (here: a registry that cannot be reached)")
    func validFlagsReachTheWork() throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let result = try hub.run(["search", "cats", "--limit", "100"])
        #expect(result.status == 5, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("error: cannot reach the registry"), "\(result.stderr)")
    }
}
