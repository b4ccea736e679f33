/// Builds rows of the im2col matrix of an NHWC convolution.
///
/// Row `r` (output pixel `n, oh, ow` in NHWC order) holds the `KH*KW*IC` input values under the filter,
/// in HWIO order `(kh, kw, ic)`; taps that fall in the padding are zero.
enum Im2Col {
    /// Writes rows `firstRow ..< firstRow + rowCount` into `matrix` (row-major, `patchLength` columns).
    static func fill(geometry g: Conv2DGeometry, input: UnsafePointer<Float>, firstRow: Int, rowCount: Int,
                     matrix: UnsafeMutablePointer<Float>) {
        let ic = g.inputChannels
        let kw = g.kernelWidth
        let inputRowStride = g.inputWidth * ic
        let imageStride = g.inputHeight * inputRowStride
        let tapRun = kw * ic
        let pixelsPerImage = g.outputHeight * g.outputWidth
        var n = firstRow / pixelsPerImage
        let withinImage = firstRow - n * pixelsPerImage
        var oh = withinImage / g.outputWidth
        var ow = withinImage - oh * g.outputWidth
        var destination = matrix
        let contiguousTaps = g.dilationWidth == 1
        for _ in 0..<rowCount {
            let image = input + n * imageStride
            let ihBase = oh * g.strideHeight - g.padTop
            let iwBase = ow * g.strideWidth - g.padLeft
            let rowInside = iwBase >= 0 && iwBase + (kw - 1) * g.dilationWidth < g.inputWidth
            for khIndex in 0..<g.kernelHeight {
                let ih = ihBase + khIndex * g.dilationHeight
                if ih < 0 || ih >= g.inputHeight {
                    destination.update(repeating: 0, count: tapRun)
                    destination += tapRun
                    continue
                }
                let inputRow = image + ih * inputRowStride
                if contiguousTaps && rowInside {
                    copy(inputRow + iwBase * ic, to: destination, count: tapRun)
                    destination += tapRun
                    continue
                }
                for kwIndex in 0..<kw {
                    let iw = iwBase + kwIndex * g.dilationWidth
                    if iw < 0 || iw >= g.inputWidth {
                        destination.update(repeating: 0, count: ic)
                    } else {
                        copy(inputRow + iw * ic, to: destination, count: ic)
                    }
                    destination += ic
                }
            }
            ow += 1
            if ow == g.outputWidth {
                ow = 0
                oh += 1
                if oh == g.outputHeight {
                    oh = 0
                    n += 1
                }
            }
        }
    }

    /// Copies `count` floats; short runs use an inline loop instead of a `memmove` call.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        if count <= 16 {
            for i in 0..<count { destination[i] = source[i] }
        } else {
            destination.update(from: source, count: count)
        }
    }
}
