import CImageCodecs

/// Decodes JPEG (libjpeg-turbo's TurboJPEG 2 API) and PNG (libpng's simplified `png_image` API) to RGB.
///
/// The format is chosen by the file's signature, not its name. Grayscale and palette images are
/// expanded to RGB and alpha is dropped (not composited), as Pillow's `convert("RGB")` does. JPEG
/// decoding uses the accurate integer DCT and fancy upsampling, Pillow's defaults, so pixels match it.
/// A JPEG that libjpeg-turbo decodes only with warnings (e.g. truncated data) counts as corrupt.
public enum ImageDecoder {
    /// The most pixels an image may declare (2^27, e.g. 16384 x 8192; 384 MiB as RGB). Checked on the
    /// header, before any pixel buffer is allocated.
    public static let maximumPixels = 1 << 27

    /// Reads and decodes the image file at `path`.
    public static func decode(path: String) throws(ImageError) -> RGBImage {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw ImageError(.unreadable, path: path, error.message)
        }
        return try decode(file.bytes, path: path)
    }

    /// Decodes an in-memory JPEG or PNG; `path` only names it in errors.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImageError) -> RGBImage {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try decodeJPEG(bytes, path: path) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return try decodePNG(bytes, path: path) }
        throw ImageError(.unsupportedFormat, path: path, "not a JPEG or PNG file (\(bytes.count) bytes, unrecognised signature)")
    }

    static func decodeJPEG(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImageError) -> RGBImage {
        guard let handle = tjInitDecompress() else {
            throw ImageError(.corrupt, path: path, "cannot start the JPEG decoder")
        }
        defer { tjDestroy(handle) }
        let source = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, source, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0,
              width > 0, height > 0 else {
            throw ImageError(.corrupt, path: path, "invalid JPEG header: \(String(cString: tjGetErrorStr2(handle)))")
        }
        try checkSize(width: Int(width), height: Int(height), path: path)
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * 3)
        let status = pixels.withUnsafeMutableBufferPointer { output in
            tjDecompress2(handle, source, UInt(bytes.count), output.baseAddress, width, 0, height, Int32(TJPF_RGB.rawValue), 0)
        }
        guard status == 0 else {
            throw ImageError(.corrupt, path: path, "JPEG data is damaged: \(String(cString: tjGetErrorStr2(handle)))")
        }
        return RGBImage(width: Int(width), height: Int(height), pixels: pixels)
    }

    static func decodePNG(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImageError) -> RGBImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            throw ImageError(.corrupt, path: path, "invalid PNG: \(pngMessage(&image))")
        }
        // Read as RGBA and drop alpha: converting to RGB in libpng would composite onto a background.
        image.format = hub_png_format_rgba()
        let width = Int(image.width), height = Int(image.height)
        do {
            try checkSize(width: width, height: height, path: path)
        } catch {
            png_image_free(&image)
            throw error
        }
        var rgba = [UInt8](repeating: 0, count: hub_png_image_size(&image))
        let finished = rgba.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else {
            let message = pngMessage(&image)
            png_image_free(&image)
            throw ImageError(.corrupt, path: path, "PNG data is damaged: \(message)")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = rgba[4 * i]
            pixels[3 * i + 1] = rgba[4 * i + 1]
            pixels[3 * i + 2] = rgba[4 * i + 2]
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Refuses a declared size above `maximumPixels`.
    private static func checkSize(width: Int, height: Int, path: String) throws(ImageError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maximumPixels else {
            throw ImageError(.tooLarge, path: path,
                "image declares \(width) x \(height) pixels, more than the limit of \(maximumPixels)")
        }
    }

    private static func pngMessage(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
