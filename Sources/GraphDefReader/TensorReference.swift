/// A parsed node input: `node` (output 0), `node:N` (output N) or `^node` (control dependency).
public struct TensorReference: Hashable, Sendable, CustomStringConvertible {
    /// The producing node's name.
    public var node: String
    /// The producing node's output index; 0 for control dependencies.
    public var outputIndex: Int
    /// True for `^node`: an ordering dependency that carries no data.
    public var isControl: Bool

    /// Creates a reference directly.
    public init(node: String, outputIndex: Int = 0, isControl: Bool = false) {
        self.node = node
        self.outputIndex = outputIndex
        self.isControl = isControl
    }

    /// Parses `node`, `node:N` (N decimal digits) or `^node`.
    ///
    /// Throws `invalidTensorReference` for an empty node name, a `:` not followed by digits only, an index
    /// that does not fit in `Int`, or a control input with an index (`^node:1`).
    public init(parsing text: String) throws(GraphDefError) {
        func invalid(_ why: String) -> GraphDefError {
            GraphDefError(.invalidTensorReference, "invalid input '\(text)': \(why)")
        }
        var name = Substring(text)
        let isControl = name.first == "^"
        if isControl { name = name.dropFirst() }
        var outputIndex = 0
        if let colon = name.lastIndex(of: ":") {
            let digits = name[name.index(after: colon)...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw invalid("output index must be decimal digits")
            }
            guard let index = Int(digits) else {
                throw invalid("output index is too large")
            }
            guard !isControl else {
                throw invalid("a control input (^) takes no output index")
            }
            outputIndex = index
            name = name[..<colon]
        }
        guard !name.isEmpty else { throw invalid("empty node name") }
        guard !name.contains(":"), !name.contains("^") else {
            throw invalid("node name contains ':' or '^'")
        }
        self.init(node: String(name), outputIndex: outputIndex, isControl: isControl)
    }

    /// The canonical text form: `^node`, `node` for output 0, else `node:N`.
    public var description: String {
        if isControl { return "^" + node }
        return outputIndex == 0 ? node : "\(node):\(outputIndex)"
    }
}
