import Kernels
import Tensor

/// `StridedSlice` with TensorFlow's begin, end, ellipsis, new-axis and shrink-axis masks.
struct StridedSliceOp: Operator {
    var typeName: String { "StridedSlice" }
    let beginMask: Int
    let endMask: Int
    let ellipsisMask: Int
    let newAxisMask: Int
    let shrinkAxisMask: Int

    init(_ attributes: Attributes) throws {
        beginMask = try attributes.int("begin_mask", default: 0)
        endMask = try attributes.int("end_mask", default: 0)
        ellipsisMask = try attributes.int("ellipsis_mask", default: 0)
        newAxisMask = try attributes.int("new_axis_mask", default: 0)
        shrinkAxisMask = try attributes.int("shrink_axis_mask", default: 0)
    }

    /// The slice over the input's dimensions: start and step per dimension, the gathered shape, and the
    /// final shape after shrinking and inserting axes.
    struct Slice {
        var begin: [Int]
        var stride: [Int]
        var processingShape: [Int]
        var finalShape: [Int]
    }

    func slice(_ inputs: [PlanValue]) throws -> Slice {
        try inputs.expectCount(4)
        let begin = try inputs.constant(1, "begin").integers()
        let end = try inputs.constant(2, "end").integers()
        let strides = try inputs.constant(3, "strides").integers()
        guard begin.count == end.count, end.count == strides.count, begin.count < 63 else {
            throw OpError("begin, end and strides must have the same length")
        }
        let shape = inputs[0].type.shape
        let rank = shape.count

        // Sparse spec: add an ellipsis at the end when there is none.
        var sparseCount = begin.count
        var ellipsis = ellipsisMask
        var newAxisAfterEllipsis = 0
        var seenEllipsis = false
        for i in 0..<sparseCount {
            if seenEllipsis && (newAxisMask >> i) & 1 != 0 { newAxisAfterEllipsis += 1 }
            if (ellipsis >> i) & 1 != 0 { seenEllipsis = true }
        }
        if !seenEllipsis {
            ellipsis |= 1 << sparseCount
            sparseCount += 1
        }

        // Dense spec over the input's dimensions.
        var denseBegin = [Int](repeating: 0, count: rank)
        var denseEnd = [Int](repeating: 0, count: rank)
        var denseStride = [Int](repeating: 1, count: rank)
        var denseBeginMasked = [Bool](repeating: false, count: rank)
        var denseEndMasked = [Bool](repeating: false, count: rank)
        var denseShrink = [Bool](repeating: false, count: rank)
        let newAxis = -1, shrinkAxis = -2
        var gather: [Int] = []
        var full = 0
        for i in 0..<sparseCount {
            if (ellipsis >> i) & 1 != 0 {
                let next = min(rank - (sparseCount - i) + 1 + newAxisAfterEllipsis, rank)
                while full < next {
                    denseBeginMasked[full] = true
                    denseEndMasked[full] = true
                    gather.append(full)
                    full += 1
                }
            } else if (newAxisMask >> i) & 1 != 0 {
                gather.append(newAxis)
            } else {
                guard full < rank else {
                    throw OpError("index \(i) of the slice is out of range for input rank \(rank)")
                }
                denseBegin[full] = begin[i]
                denseEnd[full] = end[i]
                denseStride[full] = strides[i]
                denseBeginMasked[full] = (beginMask >> i) & 1 != 0
                denseEndMasked[full] = (endMask >> i) & 1 != 0
                if (shrinkAxisMask >> i) & 1 != 0 {
                    denseShrink[full] = true
                    gather.append(shrinkAxis)
                } else {
                    gather.append(full)
                }
                full += 1
            }
        }

        var starts = [Int](repeating: 0, count: rank)
        var processing = [Int](repeating: 0, count: rank)
        for d in 0..<rank {
            let size = shape[d], step = denseStride[d]
            guard step != 0 else { throw OpError("strides must be non-zero") }
            // `magnitude`, not `abs`: abs(Int.min) traps.
            guard denseBegin[d].magnitude < UInt(Int32.max) * 4, denseEnd[d].magnitude < UInt(Int.max / 4) else {
                throw OpError("slice bounds out of range")
            }
            if denseShrink[d] {
                guard step > 0 else { throw OpError("only positive strides are allowed on a shrunk axis") }
                let index = denseBegin[d] < 0 ? size + denseBegin[d] : denseBegin[d]
                guard index >= 0, index < size else {
                    throw OpError("slice index \(denseBegin[d]) of dimension \(d) is out of bounds for size \(size)")
                }
                starts[d] = index
                processing[d] = 1
                continue
            }
            func canonical(_ x: Int, _ isEnd: Bool, _ masked: Bool) -> Int {
                if masked { return step > 0 ? (isEnd ? size : 0) : (isEnd ? -1 : size - 1) }
                let forward = x < 0 ? size + x : x
                let lower = step > 0 ? 0 : -1
                let upper = step > 0 ? size : size - 1
                return Swift.min(Swift.max(forward, lower), upper)
            }
            let b = canonical(denseBegin[d], false, denseBeginMasked[d])
            let e = canonical(denseEnd[d], true, denseEndMasked[d])
            let interval = e - b
            starts[d] = b
            if interval == 0 || (interval < 0) != (step < 0) {
                processing[d] = 0
            } else {
                processing[d] = interval / step + (interval % step != 0 ? 1 : 0)
            }
        }
        // A stride only matters along an axis that yields more than one element; there it is at most the axis's
        // size. Elsewhere it may be as large as Int64.max, and the copy's byte offsets (stride times the input's
        // element stride) would overflow: such strides become 1.
        for d in 0..<rank where processing[d] <= 1 { denseStride[d] = 1 }
        var finalShape: [Int] = []
        for g in gather {
            if g == newAxis { finalShape.append(1) } else if g >= 0 { finalShape.append(processing[g]) }
        }
        return Slice(begin: starts, stride: denseStride, processingShape: processing, finalShape: finalShape)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let finalShape = try slice(inputs).finalShape  // checks the input count before input 0 is read
        return [TensorType(inputs[0].type.dtype, finalShape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let s = try slice(inputs)
        let shape = inputs[0].type.shape
        let size = inputs[0].type.dtype.byteSize
        if outputs[0].elementCount == 0 { return ClosureKernel { _ in } }
        return ClosureKernel { io in
            StridedCopy.apply(input: io.input(0), shape: shape, begin: s.begin, stride: s.stride,
                              outputShape: s.processingShape, elementSize: size, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
