import Tensor

/// What the planner knows about a value: its type and, when it depends only on constants and shapes, its value.
struct PlanValue {
    var type: TensorType
    var constant: Tensor?

    init(_ type: TensorType, constant: Tensor? = nil) {
        self.type = type
        self.constant = constant
    }

    init(constant: Tensor) {
        self.type = TensorType(constant.dtype, constant.shape)
        self.constant = constant
    }
}
