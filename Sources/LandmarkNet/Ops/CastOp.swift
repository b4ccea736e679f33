import Tensor

/// `Cast` between float32, float64, float16, bfloat16, the integer types and bool. Float-to-integer casts
/// truncate toward zero; NaN becomes 0 and out-of-range values saturate instead of trapping.
struct CastOp: Operator {
    var typeName: String { "Cast" }
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }
    let destination: DType

    init(_ attributes: Attributes) throws {
        destination = try attributes.type("DstT")
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        return [TensorType(destination, inputs[0].type.shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let source = inputs[0].type.dtype, destination = destination
        let count = outputs[0].elementCount
        if source == .uint8 && destination == .float32 {
            return ClosureKernel { io in
                let x = io.input(0).assumingMemoryBound(to: UInt8.self)
                let y = io.outputFloats(0)
                for i in 0..<count { y[i] = Float(x[i]) }
            }
        }
        if source == destination {
            return ClosureKernel { io in io.output(0).copyMemory(from: io.input(0), byteCount: count * source.byteSize) }
        }
        return ClosureKernel { io in
            for i in 0..<count {
                CastOp.store(Tensor.loadDouble(io.input(0), index: i, dtype: source), io.output(0), i, destination)
            }
        }
    }

    /// Writes `value` as element `index` of a `dtype` buffer.
    static func store(_ value: Double, _ base: UnsafeMutableRawPointer, _ index: Int, _ dtype: DType) {
        func integer<T: FixedWidthInteger>(_ type: T.Type) -> T {
            if value.isNaN { return 0 }
            if value >= Double(T.max) { return T.max }
            if value <= Double(T.min) { return T.min }
            return T(value.rounded(.towardZero))
        }
        switch dtype {
        case .float32: base.storeBytes(of: Float(value), toByteOffset: index * 4, as: Float.self)
        case .float64: base.storeBytes(of: value, toByteOffset: index * 8, as: Double.self)
        case .int32: base.storeBytes(of: integer(Int32.self), toByteOffset: index * 4, as: Int32.self)
        case .int64: base.storeBytes(of: integer(Int64.self), toByteOffset: index * 8, as: Int64.self)
        case .uint8: base.storeBytes(of: integer(UInt8.self), toByteOffset: index, as: UInt8.self)
        case .int8: base.storeBytes(of: integer(Int8.self), toByteOffset: index, as: Int8.self)
        case .int16: base.storeBytes(of: integer(Int16.self), toByteOffset: index * 2, as: Int16.self)
        case .uint16: base.storeBytes(of: integer(UInt16.self), toByteOffset: index * 2, as: UInt16.self)
        case .bool: base.storeBytes(of: UInt8(value != 0 ? 1 : 0), toByteOffset: index, as: UInt8.self)
        case .bfloat16:
            // Round to nearest even, as TensorFlow does.
            let bits = Float(value).bitPattern
            let rounded = Float(value).isNaN ? UInt32(0x7fc0_0000) : bits &+ 0x7fff &+ ((bits >> 16) & 1)
            base.storeBytes(of: UInt16(truncatingIfNeeded: rounded >> 16), toByteOffset: index * 2, as: UInt16.self)
        case .float16:
            base.storeBytes(of: CastOp.halfBits(Float(value)), toByteOffset: index * 2, as: UInt16.self)
        }
    }

    /// IEEE half bits of `value`, rounded to nearest even.
    static func halfBits(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if value.isNaN { return sign | 0x7e00 }
        let magnitude = abs(value)
        if magnitude >= 65520 { return sign | 0x7c00 }
        if magnitude < Float(sign: .plus, exponent: -14, significand: 1) {
            // Subnormal: multiples of 2^-24.
            let scaled = (magnitude * Float(1 << 24)).rounded(.toNearestOrEven)
            return sign | UInt16(scaled)
        }
        let exponent = Int((bits >> 23) & 0xff) - 127 + 15
        var mantissa = (bits & 0x7f_ffff)
        let roundBit = (mantissa >> 12) & 1
        let sticky = mantissa & 0xfff
        mantissa >>= 13
        var half = UInt32(exponent) << 10 | mantissa
        if roundBit == 1 && (sticky != 0 || (mantissa & 1) == 1) { half += 1 }
        return sign | UInt16(half)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
