// `import LandmarkNet` is enough to use `Tensor`, `DType`, `NPY` and `Image` alongside `Model`.
@_exported import Images
@_exported import Tensor
