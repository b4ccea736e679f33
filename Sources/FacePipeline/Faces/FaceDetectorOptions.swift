extension FaceDetector {
    /// One value per cascade stage.
    public struct StageThresholds: Sendable, Equatable {
        /// P-Net's value.
        public var pnet: Double
        /// R-Net's value.
        public var rnet: Double
        /// O-Net's value.
        public var onet: Double

        /// Creates the three values.
        public init(pnet: Double, rnet: Double, onet: Double) {
            self.pnet = pnet
            self.rnet = rnet
            self.onet = onet
        }
    }

    /// The detection parameters. The defaults are those of the `mtcnn` 1.0.0 package's `detect_faces`.
    public struct Options: Sendable, Equatable {
        /// The smallest face, in pixels, the image pyramid is built for: its first level scales the image by
        /// `minimumPyramidSize / minFaceSize`.
        public var minFaceSize: Double = 20
        /// P-Net's window size in pixels; with the image's shorter side it fixes the number of pyramid levels.
        public var minimumPyramidSize: Double = 12
        /// The ratio between successive pyramid levels, in (0, 1).
        public var scaleFactor: Double = 0.709
        /// Face-probability thresholds of P-Net, R-Net and O-Net: a candidate survives a stage when its
        /// probability is strictly greater.
        public var thresholds = StageThresholds(pnet: 0.6, rnet: 0.7, onet: 0.8)
        /// IoU above which P-Net candidates of one pyramid level suppress each other.
        public var pnetLevelNMSThreshold: Double = 0.5
        /// IoU above which P-Net candidates of all levels together suppress each other.
        public var pnetNMSThreshold: Double = 0.7
        /// IoU above which R-Net candidates suppress each other.
        public var rnetNMSThreshold: Double = 0.7
        /// Intersection over the smaller box's area above which O-Net faces suppress each other.
        public var onetNMSThreshold: Double = 0.7
        /// Clamp the final boxes to the image (`fit_to_image` of the package).
        public var fitToImage: Bool = true
        /// Clamp the landmarks to the image too (`limit_boundaries_landmarks` of the package).
        public var clampLandmarksToImage: Bool = false
        /// The largest pyramid level, in pixels, the detector agrees to build. Memory does not depend on it
        /// (levels are made and run in tiles), but P-Net's time grows with the levels' size: a tiny `minFaceSize`
        /// on a large image would otherwise upscale it without bound. The default admits the first level
        /// (scale 0.6) of a 100-megapixel photo with the default `minFaceSize`.
        public var maxPyramidLevelPixels: Int = 1 << 26
        /// Images of at most this many pixels are normalized to floats whole and every pyramid level is
        /// area-resized from that copy, exactly as the package does. A larger image is not copied whole: levels
        /// at scale above 1/2 are resized piece by piece from its 8-bit pixels (the same values), and a level at
        /// scale `s <= 1/2` from a working copy of the image halved `k` times, `2^k <= 1/s` (block means), which
        /// moves the level's pixel footprints by less than `2^k` image pixels and makes each level cost its
        /// own size rather than the image's.
        public var maxExactPyramidPixels: Int = 1 << 22
        /// P-Net runs on a pyramid level in tiles of at most this many pixels a side (even, at least 24; a
        /// level's last tile may be one pixel larger), overlapping so that every output cell is the one a
        /// run on the whole level gives. Bounds the network's working memory.
        public var pnetTileSide: Int = 256
        /// The largest batch given to R-Net and O-Net in one run; candidates are run in power-of-two chunks up
        /// to this size so that the networks' per-shape plans stay few.
        public var maxBatch: Int = 64

        /// Creates the default options.
        public init() {}

        /// Throws ``FaceDetectionError/Kind/invalidOptions`` naming the first option out of range.
        public func validate() throws(FaceDetectionError) {
            func require(_ ok: Bool, _ name: String, _ value: Any) throws(FaceDetectionError) {
                if !ok { throw FaceDetectionError(.invalidOptions, "option \(name) = \(value) is out of range") }
            }
            try require(minFaceSize.isFinite && minFaceSize > 0, "minFaceSize", minFaceSize)
            try require(minimumPyramidSize.isFinite && minimumPyramidSize > 0, "minimumPyramidSize", minimumPyramidSize)
            try require(scaleFactor.isFinite && scaleFactor > 0 && scaleFactor < 1, "scaleFactor", scaleFactor)
            try require(!thresholds.pnet.isNaN, "thresholds.pnet", thresholds.pnet)
            try require(!thresholds.rnet.isNaN, "thresholds.rnet", thresholds.rnet)
            try require(!thresholds.onet.isNaN, "thresholds.onet", thresholds.onet)
            try require(!pnetLevelNMSThreshold.isNaN, "pnetLevelNMSThreshold", pnetLevelNMSThreshold)
            try require(!pnetNMSThreshold.isNaN, "pnetNMSThreshold", pnetNMSThreshold)
            try require(!rnetNMSThreshold.isNaN, "rnetNMSThreshold", rnetNMSThreshold)
            try require(!onetNMSThreshold.isNaN, "onetNMSThreshold", onetNMSThreshold)
            try require(maxPyramidLevelPixels > 0, "maxPyramidLevelPixels", maxPyramidLevelPixels)
            try require(maxBatch > 0 && maxBatch <= 1 << 16, "maxBatch", maxBatch)
            try require(maxExactPyramidPixels >= 0, "maxExactPyramidPixels", maxExactPyramidPixels)
            try require(pnetTileSide >= 24 && pnetTileSide <= 1 << 14, "pnetTileSide", pnetTileSide)
        }
    }
}
