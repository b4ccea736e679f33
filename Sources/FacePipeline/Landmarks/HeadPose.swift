import Foundation

/// A head's orientation in degrees, in the image's frame.
///
/// - `yaw` > 0 when the nose points to larger x in the image (the person turns to the image's right);
/// - `pitch` > 0 when the face looks up;
/// - `roll` > 0 when the line through the eyes turns clockwise in the image.
///
/// The rotation is `Y(-yaw) · X(-pitch) · Z(roll)` in the camera frame (x right, y down, z away from the camera):
/// roll turns the face in the image plane first, then pitch about x, then yaw about y.
public struct HeadPose: Sendable, Equatable, Codable {
    /// Up (+) or down (-), degrees.
    public var pitch: Double
    /// Towards the image's right (+) or left (-), degrees.
    public var yaw: Double
    /// Clockwise (+) or anticlockwise (-) in the image, degrees.
    public var roll: Double

    /// Creates a pose from its angles in degrees.
    public init(pitch: Double, yaw: Double, roll: Double) {
        self.pitch = pitch
        self.yaw = yaw
        self.roll = roll
    }

    /// The pose of a 468-point face mesh (``FaceMesh``'s points in image pixels with depth): the rotation of the
    /// best fit (rotation, scale and translation, least squares over all points) of the bundled reference face onto
    /// the mesh. Nil when the mesh has another size, non-finite values or no extent.
    ///
    /// The reference face is the mean mesh of the bundled network over portraits, made left-right symmetric
    /// (`Resources/mesh/mean_face.txt`, made by `scripts/pose/make_mean_face.py`): yaw and roll are 0 for a face
    /// symmetric to the image plane's vertical; pitch 0 is a frontal face as MediaPipe's canonical face model has it
    /// (forehead top straight above the chin; turned so by `scripts/pose/level_mean_face.py`).
    public init?(mesh: [FaceMesh.Point]) {
        guard let reference = Self.referenceFace, mesh.count == reference.count,
              mesh.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }),
              let rotation = Self.bestRotation(from: reference, to: mesh.map { SIMD3($0.x, $0.y, $0.z) })
        else { return nil }
        self = HeadPose(rotation: rotation)
    }

    /// The pose of a rotation matrix (rows), the inverse of ``rotation``.
    init(rotation r: [[Double]]) {
        // The nose's direction -R·(0, 0, 1) gives yaw and pitch; what is left about z is roll.
        let nose = SIMD3(-r[0][2], -r[1][2], -r[2][2])
        let a = atan2(-nose.x, -nose.z)
        let b = asin(max(-1, min(1, nose.y)))
        // Z(c) = X(b)ᵀ · Y(a)ᵀ · R; only its first column is needed.
        let ca = cos(a), sa = sin(a), cb = cos(b), sb = sin(b)
        let column = SIMD3(r[0][0], r[1][0], r[2][0])
        let turned = SIMD3(ca * column.x - sa * column.z, column.y, sa * column.x + ca * column.z)  // Y(a)ᵀ
        let m10 = cb * turned.y + sb * turned.z                                                       // X(b)ᵀ row 1
        let m00 = turned.x
        self.init(pitch: -b * 180 / .pi, yaw: -a * 180 / .pi, roll: atan2(m10, m00) * 180 / .pi)
    }

    /// The rotation matrix (rows) of this pose in the camera frame: column 0 is the face's left-to-right axis,
    /// column 1 its top-to-bottom axis, column 2 points from the face away from the camera (the nose points the
    /// other way).
    public var rotation: [[Double]] {
        let a = -yaw * .pi / 180, b = -pitch * .pi / 180, c = roll * .pi / 180
        let y = [[cos(a), 0, sin(a)], [0, 1, 0], [-sin(a), 0, cos(a)]]
        let x = [[1, 0, 0], [0, cos(b), -sin(b)], [0, sin(b), cos(b)]]
        let z = [[cos(c), -sin(c), 0], [sin(c), cos(c), 0], [0, 0, 1]]
        return Self.multiply(Self.multiply(y, x), z)
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }

    /// The bundled reference face (468 points), or nil when the resource is missing or malformed.
    static let referenceFace: [SIMD3<Double>]? = {
        guard let url = Bundle.module.url(forResource: "mean_face", withExtension: "txt", subdirectory: "Resources/mesh"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return nil }
        let points = text.split(separator: "\n").map { line -> SIMD3<Double>? in
            let values = line.split(separator: " ").compactMap { Double($0) }
            return values.count == 3 ? SIMD3(values[0], values[1], values[2]) : nil
        }
        guard points.count == FaceMesh.pointCount, points.allSatisfy({ $0 != nil }) else { return nil }
        return points.map { $0! }
    }()

    /// The rotation (rows) that best turns centred `source` onto centred `target` in least squares (Horn's
    /// closed form: the unit quaternion is the eigenvector of the largest eigenvalue of a 4x4 symmetric matrix
    /// made from the cross-covariance). Nil for degenerate point sets.
    static func bestRotation(from source: [SIMD3<Double>], to target: [SIMD3<Double>]) -> [[Double]]? {
        let n = Double(source.count)
        let sourceMean = source.reduce(SIMD3<Double>(), +) / n, targetMean = target.reduce(SIMD3<Double>(), +) / n
        var s = [[Double]](repeating: [0, 0, 0], count: 3)
        for (p, q) in zip(source, target) {
            let a = p - sourceMean, b = q - targetMean
            for i in 0..<3 { for j in 0..<3 { s[i][j] += a[i] * b[j] } }
        }
        let (xx, xy, xz) = (s[0][0], s[0][1], s[0][2])
        let (yx, yy, yz) = (s[1][0], s[1][1], s[1][2])
        let (zx, zy, zz) = (s[2][0], s[2][1], s[2][2])
        let matrix = [
            [xx + yy + zz, yz - zy, zx - xz, xy - yx],
            [yz - zy, xx - yy - zz, xy + yx, zx + xz],
            [zx - xz, xy + yx, -xx + yy - zz, yz + zy],
            [xy - yx, zx + xz, yz + zy, -xx - yy + zz],
        ]
        guard matrix.joined().allSatisfy(\.isFinite), matrix.joined().contains(where: { $0 != 0 }) else { return nil }
        let q = SymmetricEigen.largestEigenvector(matrix)
        let (w, x, y, z) = (q[0], q[1], q[2], q[3])
        return [
            [w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y)],
            [2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x)],
            [2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z],
        ]
    }
}

/// Eigenvectors of small symmetric matrices by cyclic Jacobi rotations.
enum SymmetricEigen {
    /// The unit eigenvector of the largest eigenvalue of a symmetric matrix.
    static func largestEigenvector(_ input: [[Double]]) -> [Double] {
        var a = input
        let n = a.count
        var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        for _ in 0..<64 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<n { off += a[i][j] * a[i][j] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let best = (0..<n).max { a[$0][$0] < a[$1][$1] }!
        return (0..<n).map { v[$0][best] }
    }
}
