import Foundation

/// Where the body of a successful (2xx) answer goes instead of memory: the registry client's
/// blob answer check in front of a file, for downloads. The transport hands it the status and
/// headers once, before any body byte, then every piece of the body; whatever it throws stops
/// the transfer and comes back as a `TransferError` of kind `.receiverStopped` that keeps the
/// thrown error as its `underlying` value. The transport knows nothing of what the receiver does.
protocol ResponseBodyReceiver: AnyObject {
    /// Checks the answer's status and headers, before any body byte.
    func begin(status: Int, headers: [String: String]) throws
    /// Takes the next piece of the body.
    func receive(_ bytes: UnsafeRawBufferPointer) throws
}
