/// Explicitly vectorised float loops (8 lanes, then a scalar tail) for the hot elementwise passes; the
/// optimiser does not reliably vectorise the equivalent scalar loops over unsafe pointers.
enum VectorLoops {
    /// `buffer[i] = lane(buffer[i] (+ bias[i]))` for `i < count`, where `lane` and `scalar` compute the same
    /// function on 8 and on 1 values.
    @inline(__always)
    static func map(_ buffer: UnsafeMutablePointer<Float>, count: Int, bias: UnsafePointer<Float>?,
                    _ lane: (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float) {
        let raw = UnsafeMutableRawPointer(buffer)
        var i = 0
        if let bias {
            let rawBias = UnsafeRawPointer(bias)
            while i &+ 8 <= count {
                let x = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                    + rawBias.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                raw.storeBytes(of: lane(x), toByteOffset: i &* 4, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count {
                buffer[i] = scalar(buffer[i] + bias[i])
                i &+= 1
            }
        } else {
            while i &+ 8 <= count {
                let x = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                raw.storeBytes(of: lane(x), toByteOffset: i &* 4, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count {
                buffer[i] = scalar(buffer[i])
                i &+= 1
            }
        }
    }

    /// `output[i] = lane(input[i])`; `input` may equal `output`.
    @inline(__always)
    static func map(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int,
                    _ lane: (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float) {
        let source = UnsafeRawPointer(input)
        let destination = UnsafeMutableRawPointer(output)
        var i = 0
        while i &+ 8 <= count {
            let x = source.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            destination.storeBytes(of: lane(x), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < count {
            output[i] = scalar(input[i])
            i &+= 1
        }
    }

    /// `output[i] = lane(lhs[i], rhs[i])`; either input may equal `output`.
    @inline(__always)
    static func zip(_ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                    count: Int, _ lane: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float, Float) -> Float) {
        let l = UnsafeRawPointer(lhs)
        let r = UnsafeRawPointer(rhs)
        let o = UnsafeMutableRawPointer(output)
        var i = 0
        while i &+ 8 <= count {
            let x = l.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let y = r.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            o.storeBytes(of: lane(x, y), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < count {
            output[i] = scalar(lhs[i], rhs[i])
            i &+= 1
        }
    }

    /// ReLU on 8 lanes as compare + select (`pointwiseMax` compiles to scalar code because of its NaN rules).
    @inline(__always)
    static func relu(_ x: SIMD8<Float>) -> SIMD8<Float> { x.replacing(with: 0, where: x .<= 0) }  // NaN stays NaN, as in TF

    /// ReLU6 on 8 lanes.
    @inline(__always)
    static func relu6(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let positive = relu(x)
        return positive.replacing(with: 6, where: positive .> 6)
    }

    /// Leaky ReLU on 8 lanes.
    @inline(__always)
    static func leakyRelu(_ x: SIMD8<Float>, _ alpha: Float) -> SIMD8<Float> {
        x.replacing(with: x * alpha, where: x .<= 0)
    }

    /// Lane-wise `a > b ? a : b`.
    @inline(__always)
    static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { b.replacing(with: a, where: a .> b) }

    /// Lane-wise `a < b ? a : b`.
    @inline(__always)
    static func minimum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { b.replacing(with: a, where: a .< b) }
}
