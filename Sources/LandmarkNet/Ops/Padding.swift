/// TensorFlow's padding schemes for convolutions and pools.
enum PaddingScheme: Sendable, Equatable {
    /// No padding; windows that do not fit are dropped.
    case valid
    /// Output size `ceil(input / stride)`, padding split with the extra cell at the end (bottom/right).
    case same
    /// Given (before, after) padding for height and width.
    case explicit(top: Int, bottom: Int, left: Int, right: Int)

    /// Parses the `padding` and `explicit_paddings` attributes.
    init(_ attributes: Attributes, allowExplicit: Bool) throws {
        let name = try attributes.string("padding")
        switch name {
        case "VALID": self = .valid
        case "SAME": self = .same
        case "EXPLICIT" where allowExplicit:
            let pads = try attributes.ints("explicit_paddings", default: [])
            guard pads.count == 8, pads.allSatisfy({ $0 >= 0 }), pads[0] == 0, pads[1] == 0, pads[6] == 0, pads[7] == 0 else {
                throw OpError("explicit_paddings must be 8 non-negative values padding only height and width (NHWC)")
            }
            self = .explicit(top: pads[2], bottom: pads[3], left: pads[4], right: pads[5])
        default:
            throw OpError("padding '\(name)' is not supported")
        }
    }

    /// The output size and the padding before, along one spatial axis.
    func outputSize(input: Int, window: Int, stride: Int, dilation: Int, axis: Int) throws -> (size: Int, padBefore: Int) {
        guard stride > 0, dilation > 0, window > 0 else {
            throw OpError("strides, dilations and window sizes must be positive")
        }
        let (span, overflow) = (window - 1).multipliedReportingOverflow(by: dilation)
        guard !overflow, span < Int(Int32.max) else { throw OpError("window too large") }
        let effective = span + 1
        switch self {
        case .valid:
            guard input >= effective else {
                throw OpError("window \(effective) is larger than the input \(input) with VALID padding")
            }
            return ((input - effective) / stride + 1, 0)
        case .same:
            // ceil(input / stride) without forming input + stride, which overflows for huge strides.
            let size = input / stride + (input % stride == 0 ? 0 : 1)
            let total = max((size - 1) * stride + effective - input, 0)
            return (size, total / 2)
        case .explicit(let top, let bottom, let left, let right):
            let before = axis == 0 ? top : left
            let after = axis == 0 ? bottom : right
            let (partial, overflowBefore) = input.addingReportingOverflow(before)
            let (padded, overflowAfter) = partial.addingReportingOverflow(after)
            guard !overflowBefore, !overflowAfter else {
                throw OpError("explicit padding \(before) + \(after) of an input of \(input) is too large")
            }
            guard padded >= effective else {
                throw OpError("window \(effective) is larger than the padded input \(padded)")
            }
            return ((padded - effective) / stride + 1, before)
        }
    }
}

/// Reads a 4-element NHWC attribute (strides, dilations, ksize) and returns its height and width entries.
func spatialPair(_ attributes: Attributes, _ name: String, default fallback: [Int]? = nil) throws -> (Int, Int) {
    let values = try attributes.ints(name, default: fallback)
    guard values.count == 4, values[0] == 1, values[3] == 1 else {
        throw OpError("attribute '\(name)' must be [1, h, w, 1] (NHWC), got \(values)")
    }
    guard values[1] > 0, values[2] > 0 else { throw OpError("attribute '\(name)' must be positive, got \(values)") }
    return (values[1], values[2])
}
