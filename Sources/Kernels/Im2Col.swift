/// Builds rows of the im2col matrix of an NHWC convolution.
///
/// Row `r` (output pixel `n, oh, ow` in NHWC order) holds the `KH*KW*IC` input values under the filter,
/// in HWIO order `(kh, kw, ic)`; taps that fall in the padding are zero.
enum Im2Col {
    /// Writes rows `firstRow ..< firstRow + rowCount` into `matrix` (row-major, `patchLength` columns).
    ///
    /// Works one output-row segment at a time. For 3-row filters whose rows all lie inside the input the three
    /// input rows are resolved once per segment and each interior pixel is three `KW*IC`-float copies (horizontal
    /// dilation 1); every other pixel goes through `fillPixel`, which handles padding and dilation tap by tap.
    static func fill(geometry g: Conv2DGeometry, input: UnsafePointer<Float>, firstRow: Int, rowCount: Int,
                     matrix: UnsafeMutablePointer<Float>) {
        let ic = g.inputChannels
        let kh = g.kernelHeight
        let kw = g.kernelWidth
        let inputRowStride = g.inputWidth * ic
        let imageStride = g.inputHeight * inputRowStride
        let tapRun = kw * ic
        let patch = kh * tapRun
        let pixelsPerImage = g.outputHeight * g.outputWidth
        let contiguousTaps = g.dilationWidth == 1
        let horizontalExtent = (kw - 1) * g.dilationWidth
        var row = firstRow
        let endRow = firstRow + rowCount
        var destination = matrix
        while row < endRow {
            let n = row / pixelsPerImage
            let withinImage = row - n * pixelsPerImage
            let oh = withinImage / g.outputWidth
            let firstColumn = withinImage - oh * g.outputWidth
            let segmentEnd = Swift.min(g.outputWidth, firstColumn + (endRow - row))
            let image = input + n * imageStride
            let ihBase = oh * g.strideHeight - g.padTop
            let rowsInside = ihBase >= 0 && ihBase + (kh - 1) * g.dilationHeight < g.inputHeight
            if kh == 3 && contiguousTaps && rowsInside {
                // The common 3-row case with every filter row inside the input: three pointers per segment.
                let row0 = image + ihBase * inputRowStride
                let row1 = row0 + g.dilationHeight * inputRowStride
                let row2 = row1 + g.dilationHeight * inputRowStride
                for ow in firstColumn..<segmentEnd {
                    let iwBase = ow * g.strideWidth - g.padLeft
                    if iwBase >= 0 && iwBase + horizontalExtent < g.inputWidth {
                        let offset = iwBase * ic
                        copy(row0 + offset, to: destination, count: tapRun)
                        copy(row1 + offset, to: destination + tapRun, count: tapRun)
                        copy(row2 + offset, to: destination + 2 * tapRun, count: tapRun)
                    } else {
                        fillPixel(g, image: image, ihBase: ihBase, iwBase: iwBase, destination: destination)
                    }
                    destination += patch
                }
            } else {
                for ow in firstColumn..<segmentEnd {
                    fillPixel(g, image: image, ihBase: ihBase, iwBase: ow * g.strideWidth - g.padLeft,
                              destination: destination)
                    destination += patch
                }
            }
            row += segmentEnd - firstColumn
        }
    }

    /// Writes one im2col row: the window whose top-left tap is input `(ihBase, iwBase)` (may lie in the padding).
    /// `pixelStride` is the distance between two pixels of `image` in floats: `g.inputChannels` (nil) for a whole
    /// tensor, more for one group's channel slice of a grouped convolution's input.
    static func fillPixel(_ g: Conv2DGeometry, image: UnsafePointer<Float>, ihBase: Int, iwBase: Int,
                          destination: UnsafeMutablePointer<Float>, pixelStride: Int? = nil) {
        let ic = g.inputChannels
        let stride = pixelStride ?? ic
        let kw = g.kernelWidth
        let tapRun = kw * ic
        let inputRowStride = g.inputWidth * stride
        // A row of taps is one contiguous run only when the pixels hold nothing but these channels.
        let inside = stride == ic && g.dilationWidth == 1 && iwBase >= 0 && iwBase + (kw - 1) < g.inputWidth
        var tap = destination
        for khIndex in 0..<g.kernelHeight {
            let ih = ihBase + khIndex * g.dilationHeight
            if ih < 0 || ih >= g.inputHeight {
                tap.update(repeating: 0, count: tapRun)
            } else if inside {
                copy(image + ih * inputRowStride + iwBase * ic, to: tap, count: tapRun)
            } else {
                let inputRow = image + ih * inputRowStride
                for kwIndex in 0..<kw {
                    let iw = iwBase + kwIndex * g.dilationWidth
                    if iw < 0 || iw >= g.inputWidth {
                        (tap + kwIndex * ic).update(repeating: 0, count: ic)
                    } else {
                        copy(inputRow + iw * stride, to: tap + kwIndex * ic, count: ic)
                    }
                }
            }
            tap += tapRun
        }
    }

    /// Copies `count` floats. Runs of up to 16 floats (small-channel convolutions) use two possibly
    /// overlapping unaligned vector moves instead of a `memmove` call or a scalar loop.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(destination)
        if count >= 8 && count <= 16 {
            let head = from.loadUnaligned(as: SIMD8<Float>.self)
            let tail = from.loadUnaligned(fromByteOffset: (count - 8) * 4, as: SIMD8<Float>.self)
            to.storeBytes(of: head, as: SIMD8<Float>.self)
            to.storeBytes(of: tail, toByteOffset: (count - 8) * 4, as: SIMD8<Float>.self)
        } else if count >= 4 && count < 8 {
            let head = from.loadUnaligned(as: SIMD4<Float>.self)
            let tail = from.loadUnaligned(fromByteOffset: (count - 4) * 4, as: SIMD4<Float>.self)
            to.storeBytes(of: head, as: SIMD4<Float>.self)
            to.storeBytes(of: tail, toByteOffset: (count - 4) * 4, as: SIMD4<Float>.self)
        } else if count < 4 {
            for i in 0..<count { destination[i] = source[i] }
        } else {
            destination.update(from: source, count: count)
        }
    }
}

extension Conv2DKernel {
    /// Builds the whole im2col matrix (`outputPixelCount x patchLength`) of `geometry`; for benchmarks and tests.
    public static func benchmarkIm2Col(geometry: Conv2DGeometry, input: UnsafePointer<Float>, matrix: UnsafeMutablePointer<Float>) {
        Im2Col.fill(geometry: geometry, input: input, firstRow: 0, rowCount: geometry.outputPixelCount, matrix: matrix)
    }
}
