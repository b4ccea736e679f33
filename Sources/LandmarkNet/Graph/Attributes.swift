import GraphDefReader
import Tensor

/// Typed, checked access to a node's attributes: a missing required attribute or one of the wrong kind
/// is an ``OpError`` naming the attribute.
struct Attributes {
    let values: [String: AttrValue]

    init(_ node: NodeDef) {
        self.values = node.attributes
    }

    private func wrongKind(_ name: String, _ expected: String) -> OpError {
        OpError("attribute '\(name)' must be \(expected)")
    }

    /// An integer attribute.
    func int(_ name: String, default fallback: Int? = nil) throws -> Int {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw OpError("missing attribute '\(name)'")
        }
        guard case .int(let v) = value else { throw wrongKind(name, "an int") }
        guard let result = Int(exactly: v) else { throw wrongKind(name, "a representable int") }
        return result
    }

    /// A float attribute.
    func float(_ name: String, default fallback: Float? = nil) throws -> Float {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw OpError("missing attribute '\(name)'")
        }
        guard case .float(let v) = value else { throw wrongKind(name, "a float") }
        return v
    }

    /// A bool attribute.
    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = values[name] else { return fallback }
        guard case .bool(let v) = value else { throw wrongKind(name, "a bool") }
        return v
    }

    /// A string attribute (`s`).
    func string(_ name: String, default fallback: String? = nil) throws -> String {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw OpError("missing attribute '\(name)'")
        }
        guard case .bytes(let bytes) = value, let text = String(bytes: bytes, encoding: .utf8) else {
            throw wrongKind(name, "a string")
        }
        return text
    }

    /// A list-of-ints attribute.
    func ints(_ name: String, default fallback: [Int]? = nil) throws -> [Int] {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw OpError("missing attribute '\(name)'")
        }
        guard case .list(let list) = value else { throw wrongKind(name, "a list of ints") }
        if list.ints.isEmpty && !(list.floats.isEmpty && list.bytes.isEmpty && list.types.isEmpty) {
            throw wrongKind(name, "a list of ints")
        }
        var result: [Int] = []
        for v in list.ints {
            guard let i = Int(exactly: v) else { throw wrongKind(name, "a list of representable ints") }
            result.append(i)
        }
        return result
    }

    /// A dtype attribute, mapped to a ``DType``.
    func type(_ name: String, default fallback: DType? = nil) throws -> DType {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw OpError("missing attribute '\(name)'")
        }
        guard case .type(let t) = value else { throw wrongKind(name, "a type") }
        guard let dtype = DType(t) else { throw OpError("dtype \(t) of attribute '\(name)' is not supported") }
        return dtype
    }

    /// A shape attribute: nil for unknown rank, -1 for unknown dimensions.
    func shape(_ name: String) throws -> [Int]? {
        guard let value = values[name] else { return nil }
        guard case .shape(let s) = value else { throw wrongKind(name, "a shape") }
        if s.unknownRank { return nil }
        return s.dims.map { $0 < 0 || $0 > Int64(Int32.max) * 1024 ? -1 : Int($0) }
    }

    /// A tensor attribute.
    func tensor(_ name: String) throws -> TensorProto {
        guard let value = values[name] else { throw OpError("missing attribute '\(name)'") }
        guard case .tensor(let t) = value else { throw wrongKind(name, "a tensor") }
        return t
    }

    /// The `data_format` attribute; only NHWC is supported. Another layout (NCHW, as graphs trained on GPUs are
    /// often frozen) is refused with how to re-export the model: TensorFlow's own CPU kernels do not run NCHW
    /// convolutions either, so there is no CPU reference to match.
    func requireNHWC() throws {
        let format = try string("data_format", default: "NHWC")
        guard format == "NHWC" else { throw OpError(Attributes.nhwcAdvice(format)) }
    }

    /// The refusal of a `data_format` other than NHWC, with how to re-export the model.
    static func nhwcAdvice(_ format: String) -> String {
        "data_format \(format) is not supported (only NHWC; TensorFlow's CPU kernels do not run NCHW convolutions either): "
            + "re-export the model with data_format='channels_last' (Keras: "
            + "tf.keras.backend.set_image_data_format('channels_last') before building it)"
    }
}
