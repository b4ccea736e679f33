import Foundation

/// Dtype-agnostic element copies used by the data-movement kernels (elements are opaque `elementSize`-byte blobs).
package enum ElementCopy {
    /// Copies `count` elements from `source` (element stride `sourceStride`, may be negative or 0) to the
    /// contiguous `destination`.
    @inline(__always)
    static func gather(from source: UnsafeRawPointer, stride sourceStride: Int, to destination: UnsafeMutableRawPointer,
                       count: Int, elementSize: Int) {
        if sourceStride == 1 {
            memcpy(destination, source, count * elementSize)
            return
        }
        switch elementSize {
        case 4: typedGather(UInt32.self, source, sourceStride, destination, count)
        case 8: typedGather(UInt64.self, source, sourceStride, destination, count)
        case 2: typedGather(UInt16.self, source, sourceStride, destination, count)
        case 1: typedGather(UInt8.self, source, sourceStride, destination, count)
        default:
            for i in 0..<count {
                memcpy(destination + i * elementSize, source + i * sourceStride * elementSize, elementSize)
            }
        }
    }

    @inline(__always)
    private static func typedGather<Word: FixedWidthInteger>(_: Word.Type, _ source: UnsafeRawPointer, _ sourceStride: Int,
                                                             _ destination: UnsafeMutableRawPointer, _ count: Int) {
        let size = MemoryLayout<Word>.size
        let step = sourceStride * size
        for i in 0..<count {
            let word = source.loadUnaligned(fromByteOffset: i * step, as: Word.self)
            destination.storeBytes(of: word, toByteOffset: i * size, as: Word.self)
        }
    }

    /// Writes `count` copies of the element at `value` to `destination`.
    package static func fill(_ destination: UnsafeMutableRawPointer, count: Int, elementSize: Int, value: UnsafeRawPointer) {
        guard count > 0, elementSize > 0 else { return }
        switch elementSize {
        case 4:
            let word = value.loadUnaligned(as: UInt32.self)
            for i in 0..<count { destination.storeBytes(of: word, toByteOffset: i * 4, as: UInt32.self) }
        case 8:
            let word = value.loadUnaligned(as: UInt64.self)
            for i in 0..<count { destination.storeBytes(of: word, toByteOffset: i * 8, as: UInt64.self) }
        case 1:
            memset(destination, Int32(value.load(as: UInt8.self)), count)
        default:
            // Copy one element, then double the filled prefix.
            memcpy(destination, value, elementSize)
            var filled = 1
            while filled < count {
                let chunk = Swift.min(filled, count - filled)
                memcpy(destination + filled * elementSize, destination, chunk * elementSize)
                filled += chunk
            }
        }
    }
}

/// Copies a strided view of an array into a contiguous output: `output[i0, i1, ...] = input[base + sum(i_d * strides[d])]`.
enum StridedGather {
    /// `strides` are in elements (may be negative or 0); `shape` is the output shape.
    static func run(input: UnsafeRawPointer, baseOffset: Int, strides: [Int], shape: [Int], elementSize: Int,
                    output: UnsafeMutableRawPointer) {
        // Coalesce: drop unit dims; merge d into its predecessor when the predecessor's stride is d's span.
        var dims: [Int] = []
        var dimStrides: [Int] = []
        for axis in 0..<shape.count {
            let size = shape[axis]
            if size == 0 { return }
            if size == 1 { continue }
            if let last = dims.indices.last, dimStrides[last] == strides[axis] * size {
                dims[last] *= size
                dimStrides[last] = strides[axis]
            } else {
                dims.append(size)
                dimStrides.append(strides[axis])
            }
        }
        let start = input + baseOffset * elementSize
        guard let inner = dims.indices.last else {
            memcpy(output, start, elementSize)
            return
        }
        let width = dims[inner]
        let innerStride = dimStrides[inner]
        if innerStride != 1, let unitAxis = dimStrides.firstIndex(of: 1), unitAxis < inner,
           width >= blockedMinimum, dims[unitAxis] >= blockedMinimum {
            blockedTranspose(start: start, dims: dims, strides: dimStrides, unitAxis: unitAxis,
                             elementSize: elementSize, output: output)
            return
        }
        let rowBytes = width * elementSize
        var index = [Int](repeating: 0, count: inner)
        var offset = 0
        var destination = output
        while true {
            ElementCopy.gather(from: start + offset * elementSize, stride: innerStride, to: destination,
                               count: width, elementSize: elementSize)
            destination += rowBytes
            if inner == 0 { return }
            var axis = inner - 1
            while true {
                index[axis] += 1
                offset += dimStrides[axis]
                if index[axis] < dims[axis] { break }
                offset -= dimStrides[axis] * dims[axis]
                index[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }

    /// Both transposed axes must be at least this long for the blocked path.
    static let blockedMinimum = 8
    /// Edge of the square blocks of the blocked path.
    static let blockEdge = 8

    /// The gather when the innermost output axis is strided in the input but some outer output axis
    /// (`unitAxis`) is contiguous there: a transpose of those two axes, done in `blockEdge`-square blocks so
    /// both the reads and the writes stay within a few cache lines; every other axis is an outer loop.
    private static func blockedTranspose(start: UnsafeRawPointer, dims: [Int], strides: [Int], unitAxis: Int,
                                         elementSize: Int, output: UnsafeMutableRawPointer) {
        let inner = dims.count - 1
        let outputStrides = contiguousStrides(dims)
        let rows = dims[unitAxis]
        let columns = dims[inner]
        let rowOutputStride = outputStrides[unitAxis]
        let columnInputStride = strides[inner]
        // Odometer over every axis except `unitAxis` and `inner`.
        let outer = (0..<inner).filter { $0 != unitAxis }
        var index = [Int](repeating: 0, count: outer.count)
        var inputOffset = 0
        var outputOffset = 0
        while true {
            let source = start + inputOffset * elementSize
            let destination = output + outputOffset * elementSize
            switch elementSize {
            case 4: blockedPlane(UInt32.self, source, destination, rows, columns, rowOutputStride, columnInputStride)
            case 8: blockedPlane(UInt64.self, source, destination, rows, columns, rowOutputStride, columnInputStride)
            case 2: blockedPlane(UInt16.self, source, destination, rows, columns, rowOutputStride, columnInputStride)
            case 1: blockedPlane(UInt8.self, source, destination, rows, columns, rowOutputStride, columnInputStride)
            default:
                for r in 0..<rows {
                    for c in 0..<columns {
                        memcpy(destination + (r * rowOutputStride + c) * elementSize,
                               source + (r + c * columnInputStride) * elementSize, elementSize)
                    }
                }
            }
            guard var position = outer.indices.last else { return }
            while true {
                let axis = outer[position]
                index[position] += 1
                inputOffset += strides[axis]
                outputOffset += outputStrides[axis]
                if index[position] < dims[axis] { break }
                inputOffset -= strides[axis] * dims[axis]
                outputOffset -= outputStrides[axis] * dims[axis]
                index[position] = 0
                if position == 0 { return }
                position -= 1
            }
        }
    }

    /// `destination[r * rowOutputStride + c] = source[r + c * columnInputStride]` in square blocks.
    @inline(__always)
    private static func blockedPlane<Word: FixedWidthInteger>(_: Word.Type, _ source: UnsafeRawPointer,
                                                              _ destination: UnsafeMutableRawPointer, _ rows: Int,
                                                              _ columns: Int, _ rowOutputStride: Int,
                                                              _ columnInputStride: Int) {
        let from = source.assumingMemoryBound(to: Word.self)
        let to = destination.assumingMemoryBound(to: Word.self)
        let edge = blockEdge
        var r0 = 0
        while r0 < rows {
            let r1 = Swift.min(r0 + edge, rows)
            var c0 = 0
            while c0 < columns {
                let c1 = Swift.min(c0 + edge, columns)
                for c in c0..<c1 {
                    let column = from + c * columnInputStride
                    let outputColumn = to + c
                    for r in r0..<r1 { outputColumn[r * rowOutputStride] = column[r] }
                }
                c0 = c1
            }
            r0 = r1
        }
    }

    /// Row-major element strides of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var extent = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = extent
            extent *= shape[axis]
        }
        return strides
    }
}
