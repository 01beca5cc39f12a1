import Foundation
@testable import ObjectStore
import Testing

/// The bounded reader of S3's XML answers: what it reads, and what it refuses.
@Suite struct S3XMLTests {
    @Test func readsAnErrorDocument() throws {
        let text = #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The key &lt;a&amp;b&gt; does not exist &#x263A;</Message><Key>k</Key></Error>"#
        let document = try #require(S3XML(Data(text.utf8)))
        #expect(document.root == "Error")
        #expect(document.first("Code") == "NoSuchKey")
        #expect(document.first("Message") == "The key <a&b> does not exist \u{263A}")
    }

    @Test func readsListingLeavesInOrder() throws {
        let text = "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a</Key><Size>1</Size></Contents>"
            + "<Contents><Key>b</Key><Size>2</Size></Contents><Prefix/></ListBucketResult>"
        let document = try #require(S3XML(Data(text.utf8)))
        #expect(document.leaves.map(\.path) == ["ListBucketResult/IsTruncated", "ListBucketResult/Contents/Key",
                                                "ListBucketResult/Contents/Size", "ListBucketResult/Contents/Key",
                                                "ListBucketResult/Contents/Size", "ListBucketResult/Prefix"])
        #expect(document.leaves.map(\.text) == ["false", "a", "1", "b", "2", ""])
    }

    @Test(arguments: [
        "<Error><Code>x</Code>",                       // unclosed
        "<Error><Code>x</Message></Error>",            // mismatched
        "<!DOCTYPE x [<!ENTITY a 'b'>]><Error/>",      // DTD
        "<Error><Code>&bogus;</Code></Error>",         // unknown entity
        "<Error><Code>&#xFFFFFFFF;</Code></Error>",    // not a scalar
        String(repeating: "<a>", count: 17) + String(repeating: "</a>", count: 17),  // too deep
        "<Error",                                      // no end of tag
    ])
    func refusesMalformed(_ text: String) {
        #expect(S3XML(Data(text.utf8)) == nil)
    }

    @Test func httpDates() {
        #expect(HTTPDate.parse("Fri, 24 May 2013 00:00:00 GMT")?.timeIntervalSince1970 == 1_369_353_600)
        #expect(HTTPDate.parseISO8601("2013-05-24T00:00:01.500Z")?.timeIntervalSince1970 == 1_369_353_601.5)
        #expect(HTTPDate.parse("Fri, 99 May 2013 00:00:00 GMT") == nil)
        #expect(HTTPDate.parseISO8601("2013-05-24T00:00:00") == nil)
    }

    @Test func locationParsing() throws {
        let location = try S3Location(parsing: "s3://hub-blobs?endpoint=http://127.0.0.1:9000/&region=eu-west-1&prefix=a/b")
        #expect(location.bucket == "hub-blobs")
        #expect(location.endpoint == "http://127.0.0.1:9000")
        #expect(location.region == "eu-west-1")
        #expect(location.prefix == "a/b/")
        #expect(location.hostHeader == "127.0.0.1:9000")
        for bad in ["s3://Bad_Bucket?endpoint=http://h", "s3://b", "s3://key:secret@b?endpoint=http://h",
                    "s3://b?endpoint=ftp://h", "s3://b?endpoint=http://h&prefix=/abs", "s3://b?endpoint=http://h&x=1",
                    "http://b?endpoint=http://h"] {
            #expect(throws: ObjectStoreError.self) { try S3Location(parsing: bad) }
        }
    }

    @Test func credentialsNeverPrintTheSecret() throws {
        let credentials = try S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t")
        #expect(!"\(credentials)".contains("s3cr3t"))
        #expect(throws: ObjectStoreError.self) { try S3Credentials.load(environment: [:]) }
    }
}
