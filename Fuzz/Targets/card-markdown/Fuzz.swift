import FuzzEntryPoints

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { FuzzTarget.cardMarkdown.fuzz(data, size) }
