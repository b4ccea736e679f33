// `import FacePipeline` is enough to use `Image` and the engine (`Model`, `Tensor`) alongside the face types.
@_exported import Images
@_exported import LandmarkNet
