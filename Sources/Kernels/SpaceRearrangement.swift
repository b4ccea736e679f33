import Foundation

/// TensorFlow's moves of spatial blocks to and from the batch and channel axes (`SpaceToBatchND`,
/// `BatchToSpaceND`, `DepthToSpace`, `SpaceToDepth`) on dense row-major arrays of any element type, viewed as
/// `[N, H, W, R]` (R: the product of the dimensions after the spatial ones; a single spatial axis is `W = 1`).
public enum SpaceRearrangement {
    /// The sizes of a `SpaceToBatchND` or `BatchToSpaceND`, in the `[N, H, W, R]` view of the *spatial* tensor.
    public struct BlockLayout: Sendable, Equatable {
        /// Batch, height, width and trailing size of the spatial tensor (SpaceToBatch's input before padding,
        /// BatchToSpace's output after cropping).
        public var batch: Int, height: Int, width: Int, rest: Int
        /// Block height and width.
        public var blockHeight: Int, blockWidth: Int
        /// Padding (SpaceToBatch) or crops (BatchToSpace) before and after, per spatial axis.
        public var top: Int, bottom: Int, left: Int, right: Int

        public init(batch: Int, height: Int, width: Int, rest: Int, blockHeight: Int, blockWidth: Int,
                    top: Int, bottom: Int, left: Int, right: Int) {
            (self.batch, self.height, self.width, self.rest) = (batch, height, width, rest)
            (self.blockHeight, self.blockWidth) = (blockHeight, blockWidth)
            (self.top, self.bottom, self.left, self.right) = (top, bottom, left, right)
        }

        /// Height and width of one block-batch item: the padded (or uncropped) size over the block.
        public var gridHeight: Int { (top + height + bottom) / blockHeight }
        public var gridWidth: Int { (left + width + right) / blockWidth }
    }

    /// `SpaceToBatchND`: `output[(i * bw + j) * N + n, y, x, r] = padded[n, y * bh + i, x * bw + j, r]`, zeros in
    /// the padding. `output` must not overlap `input`.
    public static func spaceToBatch(input: UnsafeRawPointer, layout l: BlockLayout, elementSize: Int,
                                    output: UnsafeMutableRawPointer) {
        let pixel = l.rest * elementSize
        guard pixel > 0 else { return }
        var destination = output
        for i in 0..<l.blockHeight {
            for j in 0..<l.blockWidth {
                for n in 0..<l.batch {
                    for y in 0..<l.gridHeight {
                        let h = y * l.blockHeight + i - l.top
                        let rowBytes = l.gridWidth * pixel
                        if h < 0 || h >= l.height {
                            memset(destination, 0, rowBytes)
                            destination += rowBytes
                            continue
                        }
                        let row = input + ((n * l.height + h) * l.width) * pixel
                        for x in 0..<l.gridWidth {
                            let w = x * l.blockWidth + j - l.left
                            if w < 0 || w >= l.width {
                                memset(destination, 0, pixel)
                            } else {
                                memcpy(destination, row + w * pixel, pixel)
                            }
                            destination += pixel
                        }
                    }
                }
            }
        }
    }

    /// `BatchToSpaceND`: `output[n, h, w, r] = input[(i * bw + j) * N + n, y, x, r]` where `h + top = y * bh + i`
    /// and `w + left = x * bw + j`. `output` must not overlap `input`.
    public static func batchToSpace(input: UnsafeRawPointer, layout l: BlockLayout, elementSize: Int,
                                    output: UnsafeMutableRawPointer) {
        let pixel = l.rest * elementSize
        guard pixel > 0 else { return }
        let gridHeight = l.gridHeight, gridWidth = l.gridWidth
        var destination = output
        for n in 0..<l.batch {
            for h in 0..<l.height {
                let y = (h + l.top) / l.blockHeight, i = (h + l.top) - y * l.blockHeight
                for w in 0..<l.width {
                    let x = (w + l.left) / l.blockWidth, j = (w + l.left) - x * l.blockWidth
                    let item = (i * l.blockWidth + j) * l.batch + n
                    memcpy(destination, input + ((item * gridHeight + y) * gridWidth + x) * pixel, pixel)
                    destination += pixel
                }
            }
        }
    }

    /// `DepthToSpace` (NHWC, DCR): `output[n, h * b + i, w * b + j, c] = input[n, h, w, (i * b + j) * C' + c]`
    /// for an input `[N, H, W, b * b * C']`. `output` must not overlap `input`.
    public static func depthToSpace(input: UnsafeRawPointer, batch: Int, height: Int, width: Int, channels: Int,
                                    block b: Int, elementSize: Int, output: UnsafeMutableRawPointer) {
        let run = channels / (b * b) * elementSize
        guard run > 0 else { return }
        var destination = output
        for n in 0..<batch {
            for h in 0..<height {
                for i in 0..<b {
                    for w in 0..<width {
                        let pixel = input + ((n * height + h) * width + w) * channels * elementSize + i * b * run
                        memcpy(destination, pixel, b * run)
                        destination += b * run
                    }
                }
            }
        }
    }

    /// `SpaceToDepth` (NHWC): `output[n, h, w, (i * b + j) * C + c] = input[n, h * b + i, w * b + j, c]` for an
    /// input `[N, H, W, C]` with H and W multiples of b. `output` must not overlap `input`.
    public static func spaceToDepth(input: UnsafeRawPointer, batch: Int, height: Int, width: Int, channels: Int,
                                    block b: Int, elementSize: Int, output: UnsafeMutableRawPointer) {
        let run = channels * elementSize
        guard run > 0 else { return }
        let outputHeight = height / b, outputWidth = width / b
        var destination = output
        for n in 0..<batch {
            for y in 0..<outputHeight {
                for x in 0..<outputWidth {
                    for i in 0..<b {
                        let source = input + ((n * height + y * b + i) * width + x * b) * run
                        memcpy(destination, source, b * run)
                        destination += b * run
                    }
                }
            }
        }
    }
}
