/// A constant-velocity Kalman filter for one 2-D point, x and y filtered independently: state (position,
/// velocity) per axis, one step per frame, white-noise acceleration.
///
/// ```swift
/// var filter = KalmanPointFilter(processNoise: 0.3, measurementNoise: 1.5)
/// let smoothed = filter.update(x: measuredX, y: measuredY)
/// ```
///
/// On a still point the estimate settles to the mean of the measurements (its jitter falls by about
/// `sqrt(measurementNoise / processNoise)`); a point moving at constant speed is followed without lag once the
/// velocity is learnt.
public struct KalmanPointFilter: Sendable, Equatable {
    /// Standard deviation of the acceleration per frame, in pixels per frame squared.
    public var processNoise: Double
    /// Standard deviation of a measurement, in pixels.
    public var measurementNoise: Double

    /// Per axis: position, velocity and the 2x2 covariance (p00, p01, p11).
    private var state: [Double] = []

    /// A filter with no measurement yet.
    public init(processNoise: Double, measurementNoise: Double) {
        self.processNoise = processNoise
        self.measurementNoise = measurementNoise
    }

    /// Whether the filter has taken a measurement.
    public var isInitialized: Bool { !state.isEmpty }

    /// Takes one frame's measurement and returns the filtered position. The first measurement is returned as is;
    /// a non-finite measurement leaves the filter unchanged and is returned as is.
    public mutating func update(x: Double, y: Double) -> (x: Double, y: Double) {
        guard x.isFinite, y.isFinite else { return (x, y) }
        guard !state.isEmpty else {
            let r = measurementNoise * measurementNoise
            state = [x, 0, r, 0, 1e4, y, 0, r, 0, 1e4]
            return (x, y)
        }
        let q = processNoise * processNoise, r = measurementNoise * measurementNoise
        var out = (x: x, y: y)
        for axis in 0..<2 {
            let base = axis * 5
            var position = state[base], velocity = state[base + 1]
            var p00 = state[base + 2], p01 = state[base + 3], p11 = state[base + 4]
            // Predict: x' = F x, P' = F P F^T + Q with F = [[1, 1], [0, 1]], Q = q [[1/4, 1/2], [1/2, 1]].
            position += velocity
            let n00 = p00 + 2 * p01 + p11 + q / 4
            let n01 = p01 + p11 + q / 2
            let n11 = p11 + q
            p00 = n00; p01 = n01; p11 = n11
            // Update with the measured position.
            let measured = axis == 0 ? x : y
            let innovation = measured - position
            let s = p00 + r
            let k0 = p00 / s, k1 = p01 / s
            position += k0 * innovation
            velocity += k1 * innovation
            let u00 = (1 - k0) * p00, u01 = (1 - k0) * p01, u11 = p11 - k1 * p01
            state[base] = position; state[base + 1] = velocity
            state[base + 2] = u00; state[base + 3] = u01; state[base + 4] = u11
            if axis == 0 { out.x = position } else { out.y = position }
        }
        return out
    }
}

/// Smooths every point of a tracked face (its box corners, its five points, its landmarks, its 68 points and its
/// mesh) with one ``KalmanPointFilter`` each, the noise levels scaled by the face's size so that one setting fits
/// near and far faces. The mesh's depths go through the same filters, two points' `z` per filter (each axis of a
/// filter is independent); the head pose is read again from the smoothed mesh.
public struct FaceSmoother: Sendable, Equatable {
    /// Measurement noise as a fraction of the face box's height (0.02: 2 pixels on a 100-pixel face).
    public var measurementNoise: Double
    /// Process (acceleration) noise as a fraction of the face box's height per frame squared.
    public var processNoise: Double
    private var filters: [KalmanPointFilter] = []
    /// The mesh's filters: one per point for x and y, then one per pair of points for z.
    private var meshFilters: [KalmanPointFilter] = []

    /// A smoother; the defaults calm the jitter of still faces about fourfold and follow a face crossing a
    /// 640-pixel frame in two seconds within a pixel or two.
    public init(measurementNoise: Double = 0.02, processNoise: Double = 0.0015) {
        self.measurementNoise = measurementNoise
        self.processNoise = processNoise
    }

    /// The face with its points filtered. The filters are reset when the number of points changes (the mesh's
    /// apart from the others: a face whose mesh comes and goes keeps its smoothed box and points).
    public mutating func smooth(_ face: FaceLandmarker.Face) -> FaceLandmarker.Face {
        let size = face.box.height.isFinite && face.box.height > 1 ? face.box.height : 1
        var points = [DetectedFace.Point(x: face.box.x, y: face.box.y),
                      DetectedFace.Point(x: face.box.x + face.box.width, y: face.box.y + face.box.height)]
        points += face.landmarks5
        points += face.landmarks ?? []
        points += face.landmarks68 ?? []
        if filters.count != points.count {
            filters = [KalmanPointFilter](repeating: KalmanPointFilter(processNoise: 1, measurementNoise: 1), count: points.count)
        }
        for i in points.indices {
            filters[i].processNoise = processNoise * size
            filters[i].measurementNoise = measurementNoise * size
            let p = filters[i].update(x: points[i].x, y: points[i].y)
            points[i] = DetectedFace.Point(x: p.x, y: p.y)
        }
        var result = face
        result.box = DetectedFace.Box(x: points[0].x, y: points[0].y, width: points[1].x - points[0].x, height: points[1].y - points[0].y)
        result.landmarks5 = Array(points[2..<(2 + face.landmarks5.count)])
        let landmarksEnd = 2 + face.landmarks5.count + (face.landmarks?.count ?? 0)
        if face.landmarks != nil { result.landmarks = Array(points[(2 + face.landmarks5.count)..<landmarksEnd]) }
        if face.landmarks68 != nil { result.landmarks68 = Array(points[landmarksEnd...]) }
        result.mesh = face.mesh.map { smoothMesh($0, size: size) }
        result.pose = result.mesh.flatMap { HeadPose(mesh: $0) }
        if face.mesh == nil { meshFilters = [] }
        return result
    }

    /// The mesh with x and y filtered per point and z per pair of points.
    private mutating func smoothMesh(_ mesh: [FaceMesh.Point], size: Double) -> [FaceMesh.Point] {
        let pairs = (mesh.count + 1) / 2
        if meshFilters.count != mesh.count + pairs {
            meshFilters = [KalmanPointFilter](repeating: KalmanPointFilter(processNoise: 1, measurementNoise: 1), count: mesh.count + pairs)
        }
        for i in meshFilters.indices {
            meshFilters[i].processNoise = processNoise * size
            meshFilters[i].measurementNoise = measurementNoise * size
        }
        var result = mesh
        for i in mesh.indices {
            let p = meshFilters[i].update(x: mesh[i].x, y: mesh[i].y)
            result[i].x = p.x
            result[i].y = p.y
        }
        for k in 0..<pairs {
            let a = 2 * k, b = 2 * k + 1
            // An odd last point is paired with a constant 0 (the filter's axes do not interact).
            let z = meshFilters[mesh.count + k].update(x: mesh[a].z, y: b < mesh.count ? mesh[b].z : 0)
            result[a].z = z.x
            if b < mesh.count { result[b].z = z.y }
        }
        return result
    }
}
