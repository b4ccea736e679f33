// `import FaceVideo` is enough to use the face pipeline, `Image` and the engine alongside the video types.
@_exported import FacePipeline
