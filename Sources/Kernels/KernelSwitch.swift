import Foundation

/// An on/off setting that kernels read when they are built, safe to flip from any thread (tests turn a code path
/// off to compare it with the other).
final class KernelSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var on: Bool

    /// A switch in the given position.
    init(_ on: Bool) { self.on = on }

    /// Whether the switch is on.
    var isOn: Bool {
        get { lock.withLock { on } }
        set { lock.withLock { on = newValue } }
    }
}
