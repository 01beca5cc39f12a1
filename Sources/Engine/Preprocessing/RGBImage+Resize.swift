extension RGBImage {
    /// The image resized to `width` x `height`, pixel for pixel as Pillow's `Image.resize` gives it
    /// (two separable passes, horizontal first, each rounded to 8 bits; filters widened when shrinking).
    public func resized(width newWidth: Int, height newHeight: Int, interpolation: ImageInterpolation) -> RGBImage {
        precondition(newWidth > 0 && newHeight > 0, "resize to an empty size")
        if newWidth == width && newHeight == height { return self }
        if interpolation == .nearest { return resizedNearest(width: newWidth, height: newHeight) }
        let horizontal = ResampleCoefficients(inputSize: width, start: 0, end: Double(width), outputSize: newWidth, filter: interpolation)
        let vertical = ResampleCoefficients(inputSize: height, start: 0, end: Double(height), outputSize: newHeight, filter: interpolation)
        var image = self
        if newWidth != width {
            // Only the rows the vertical pass will read are resampled horizontally, as in Pillow.
            let firstRow = vertical.first[0]
            let lastRow = vertical.first[newHeight - 1] + vertical.used[newHeight - 1]
            image = image.resampledHorizontally(horizontal, width: newWidth, rows: firstRow..<lastRow)
            if newHeight == height { return image }
            return image.resampledVertically(vertical, height: newHeight, rowShift: firstRow)
        }
        return image.resampledVertically(vertical, height: newHeight, rowShift: 0)
    }

    /// The `width` x `height` region whose top-left corner is (`x`, `y`); parts outside the image are black,
    /// as torchvision's `CenterCrop` pads when the crop is larger than the image.
    public func cropped(x: Int, y: Int, width newWidth: Int, height newHeight: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        let columns = max(0, x)..<min(width, x + newWidth)
        if !columns.isEmpty {
            for row in max(0, y)..<min(height, y + newHeight) {
                let source = (row * width + columns.lowerBound) * 3
                let target = ((row - y) * newWidth + columns.lowerBound - x) * 3
                pixels.replaceSubrange(target..<(target + columns.count * 3), with: self.pixels[source..<(source + columns.count * 3)])
            }
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: pixels)
    }

    /// The image mirrored left to right.
    public func flippedHorizontally() -> RGBImage {
        var pixels = self.pixels
        for row in 0..<height {
            for column in 0..<width {
                let target = (row * width + column) * 3, source = (row * width + width - 1 - column) * 3
                pixels[target] = self.pixels[source]
                pixels[target + 1] = self.pixels[source + 1]
                pixels[target + 2] = self.pixels[source + 2]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    private func resampledHorizontally(_ taps: ResampleCoefficients, width newWidth: Int, rows: Range<Int>) -> RGBImage {
        var output = [UInt8](repeating: 0, count: newWidth * rows.count * 3)
        pixels.withUnsafeBufferPointer { source in
            taps.weights.withUnsafeBufferPointer { weights in
                for (outRow, row) in rows.enumerated() {
                    let rowStart = row * width * 3
                    for column in 0..<newWidth {
                        var sums: (Int32, Int32, Int32) = (1 << 21, 1 << 21, 1 << 21)
                        let base = column * taps.tapCount, first = taps.first[column]
                        for tap in 0..<taps.used[column] {
                            let weight = weights[base + tap], at = rowStart + (first + tap) * 3
                            sums.0 &+= Int32(source[at]) &* weight
                            sums.1 &+= Int32(source[at + 1]) &* weight
                            sums.2 &+= Int32(source[at + 2]) &* weight
                        }
                        let target = (outRow * newWidth + column) * 3
                        output[target] = ResampleCoefficients.clip8(sums.0)
                        output[target + 1] = ResampleCoefficients.clip8(sums.1)
                        output[target + 2] = ResampleCoefficients.clip8(sums.2)
                    }
                }
            }
        }
        return RGBImage(width: newWidth, height: rows.count, pixels: output)
    }

    /// `rowShift` is the source row that this image's row 0 stands for (after a cropped horizontal pass).
    private func resampledVertically(_ taps: ResampleCoefficients, height newHeight: Int, rowShift: Int) -> RGBImage {
        let rowLength = width * 3
        var output = [UInt8](repeating: 0, count: rowLength * newHeight)
        pixels.withUnsafeBufferPointer { source in
            taps.weights.withUnsafeBufferPointer { weights in
                for row in 0..<newHeight {
                    let base = row * taps.tapCount, first = taps.first[row] - rowShift
                    for index in 0..<rowLength {
                        var sum: Int32 = 1 << 21
                        for tap in 0..<taps.used[row] {
                            sum &+= Int32(source[(first + tap) * rowLength + index]) &* weights[base + tap]
                        }
                        output[row * rowLength + index] = ResampleCoefficients.clip8(sum)
                    }
                }
            }
        }
        return RGBImage(width: width, height: newHeight, pixels: output)
    }

    /// Pillow's NEAREST: the source pixel under each output pixel's centre.
    private func resizedNearest(width newWidth: Int, height newHeight: Int) -> RGBImage {
        let xScale = Double(width) / Double(newWidth), yScale = Double(height) / Double(newHeight)
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        for row in 0..<newHeight {
            let sourceRow = min(Int(((Double(row) + 0.5) * yScale).rounded(.down)), height - 1)
            for column in 0..<newWidth {
                let sourceColumn = min(Int(((Double(column) + 0.5) * xScale).rounded(.down)), width - 1)
                let source = (sourceRow * width + sourceColumn) * 3, target = (row * newWidth + column) * 3
                output[target] = pixels[source]
                output[target + 1] = pixels[source + 1]
                output[target + 2] = pixels[source + 2]
            }
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: output)
    }
}
