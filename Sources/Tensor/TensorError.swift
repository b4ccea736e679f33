/// An error about a tensor's shape, type or serialized form.
public struct TensorError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in one line.
    public var message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    /// The one-line message.
    public var description: String { message }
}
