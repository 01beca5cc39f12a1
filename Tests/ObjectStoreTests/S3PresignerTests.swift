import Foundation
@testable import ObjectStore
import Testing

/// Query signing (SigV4) against AWS's published example and a path-style URL signed by botocore 1.x.
@Suite struct S3PresignerTests {
    let may24 = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    @Test func awsDocumentedExample() throws {
        let credentials = try S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                            secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let url = S3Presigner(region: "us-east-1", credentials: credentials)
            .presignedGET(scheme: "https", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", lifetime: 86_400, now: may24)
        #expect(url == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func pathStyleWithPortAndEscapedKey() throws {
        let credentials = try S3Credentials(accessKeyID: "hubtest", secretAccessKey: "hubtestsecret")
        let url = S3Presigner(region: "us-east-1", credentials: credentials)
            .presignedGET(scheme: "http", host: "127.0.0.1:9000", path: "/hub-test/pre%20fix/blobs/sha256/ab",
                          lifetime: 300, now: may24)
        #expect(url.hasSuffix("&X-Amz-Signature=9f047a25cb4312bf91f462cee310700330f974de3f2191b30e947b2fdce7bcbc"))
    }

    @Test func lifetimeIsClampedToSevenDays() throws {
        let credentials = try S3Credentials(accessKeyID: "a", secretAccessKey: "b")
        let url = S3Presigner(region: "eu-west-1", credentials: credentials)
            .presignedGET(scheme: "http", host: "h", path: "/b/k", lifetime: 10_000_000, now: may24)
        #expect(url.contains("X-Amz-Expires=604800"))
    }
}
