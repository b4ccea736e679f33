// `import LandmarkNet` is enough to use `Tensor`, `DType` and `NPY` alongside `Model`.
@_exported import Tensor
