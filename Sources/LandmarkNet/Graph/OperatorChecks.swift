import Tensor

// Checks the ops share while planning: input counts, constant inputs, dtypes and ranks, integer tensors.

extension Array where Element == PlanValue {
    /// Throws unless there are exactly `count` inputs.
    func expectCount(_ count: Int) throws {
        guard self.count == count else { throw OpError("expects \(count) inputs, got \(self.count)") }
    }

    /// Throws unless there are between `minimum` and `maximum` inputs.
    func expectCount(_ minimum: Int, _ maximum: Int) throws {
        guard self.count >= minimum, self.count <= maximum else {
            throw OpError("expects \(minimum) to \(maximum) inputs, got \(self.count)")
        }
    }

    /// The constant value of input `index`, or an error saying it must be constant.
    func constant(_ index: Int, _ what: String) throws -> Tensor {
        guard index < count, let value = self[index].constant else {
            throw OpError("\(what) (input \(index)) must be a constant or computable from shapes")
        }
        return value
    }
}

extension PlanValue {
    /// Throws unless the value is float32.
    func expectFloat(_ what: String) throws {
        guard type.dtype == .float32 else { throw OpError("\(what) must be float32, got \(type.dtype)") }
    }

    /// Throws unless the value has rank `rank`.
    func expectRank(_ rank: Int, _ what: String) throws {
        guard type.shape.count == rank else {
            throw OpError("\(what) must have rank \(rank), got shape \(ShapeMath.describe(type.shape))")
        }
    }
}

extension Tensor {
    /// The elements of an integer tensor (int32 or int64) as `Int`s.
    func integers() throws -> [Int] {
        switch dtype {
        case .int32: return try scalars(as: Int32.self).map { Int($0) }
        case .int64: return try scalars(as: Int64.self).map { Int($0) }
        default: throw OpError("expected an int32 or int64 tensor, got \(dtype)")
        }
    }

    /// An int32 tensor (or int64 when `dtype` is int64) holding `values`.
    static func integers(_ values: [Int], shape: [Int]? = nil, dtype: DType = .int32) throws -> Tensor {
        let shape = shape ?? [values.count]
        if dtype == .int64 { return try Tensor(shape: shape, scalars: values.map { Int64($0) }) }
        guard values.allSatisfy({ $0 >= Int(Int32.min) && $0 <= Int(Int32.max) }) else {
            throw OpError("value does not fit in int32")
        }
        return try Tensor(shape: shape, scalars: values.map { Int32($0) })
    }
}
