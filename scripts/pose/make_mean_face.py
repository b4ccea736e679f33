"""Make the reference face for head pose: the mean 3D face mesh, left-right symmetric, in a frame where x runs from
the face's right to its left (image left to right for a frontal face), y runs down and z away from the camera.

    landmark detect photos... --json > meshes.jsonl        # faces with their 468-point mesh
    .venv/bin/python scripts/pose/make_mean_face.py meshes.jsonl Sources/FacePipeline/Resources/mesh/mean_face.txt

The meshes the bundled network gives (x, y in image pixels, z in the same scale, larger z farther from the camera)
are aligned by generalized Procrustes analysis (rotation, scale, translation); their mean is made symmetric by
averaging it with its mirror image (each point paired with the point nearest its reflection across the plane
through the midpoints of symmetric pairs), and turned so that the symmetry plane is x = 0 and the mean's own
camera's down direction, made orthogonal to it, is y: yaw and roll 0 by symmetry, pitch 0 as the photos'
average pitch (GPA's mean is turned to the photos' average orientation first). Writes 468 lines
"x y z", scaled to unit distance between the outer eye corners (mesh points 33 and 263).
"""

import json
import sys

import numpy as np

# Symmetric pairs that fix the first estimate of the symmetry plane: outer eye corners, inner eye corners, mouth
# corners, face sides.
PAIRS = [(33, 263), (133, 362), (61, 291), (234, 454)]


def similarity_align(source, target):
    """source moved onto target by rotation, uniform scale and translation (Umeyama)."""
    mu_s, mu_t = source.mean(0), target.mean(0)
    a, b = source - mu_s, target - mu_t
    u, sigma, vt = np.linalg.svd(b.T @ a)
    d = np.sign(np.linalg.det(u @ vt))
    correction = np.diag([1, 1, d])
    rotation = u @ correction @ vt
    scale = np.trace(np.diag(sigma) @ correction) / (a ** 2).sum()
    return (scale * (rotation @ a.T)).T + mu_t


def rotation_onto(source, target):
    """The rotation that best turns centred `source` onto centred `target` (Kabsch)."""
    u, _, vt = np.linalg.svd(target.T @ source)
    return u @ np.diag([1, 1, np.sign(np.linalg.det(u @ vt))]) @ vt


def main():
    source, destination = sys.argv[1], sys.argv[2]
    shapes = []
    for line in open(source):
        for face in json.loads(line)["faces"]:
            if "mesh" in face:
                shapes.append(np.array(face["mesh"], dtype=np.float64))
    print(f"{len(shapes)} meshes")
    shapes = [s - s.mean(0) for s in shapes]
    mean = shapes[0] / np.linalg.norm(shapes[0][33] - shapes[0][263])
    for _ in range(20):
        aligned = [similarity_align(s, mean) for s in shapes]
        new = np.mean(aligned, 0)
        new -= new.mean(0)
        new /= np.linalg.norm(new[33] - new[263])
        new = similarity_align(new, mean)
        change = np.abs(new - mean).max()
        mean = new
        if change < 1e-9:
            break
    # GPA keeps the first mesh's orientation: turn the mean to the photos' average orientation instead.
    rotations = [rotation_onto(mean, s) for s in shapes]
    u, _, vt = np.linalg.svd(np.mean(rotations, 0))
    average = u @ np.diag([1, 1, np.sign(np.linalg.det(u @ vt))]) @ vt
    mean = mean @ average.T
    # Frame: x from the right outer eye corner (33) to the left one (263), averaged over the pairs.
    x_axis = np.mean([mean[b] - mean[a] for a, b in PAIRS], 0)
    x_axis /= np.linalg.norm(x_axis)
    centre = np.mean([(mean[a] + mean[b]) / 2 for a, b in PAIRS], 0)
    for _ in range(5):
        reflected = mean - 2 * np.outer((mean - centre) @ x_axis, x_axis)
        distances = ((reflected[:, None, :] - mean[None, :, :]) ** 2).sum(-1)
        mirror = distances.argmin(1)
        # The plane through the midpoints of every point and its mirror, with the mean direction between them.
        directions = np.array([mean[mirror[i]] - mean[i] for i in range(len(mean))])
        signs = np.sign(directions @ x_axis)
        x_axis = (directions * signs[:, None]).sum(0)
        x_axis /= np.linalg.norm(x_axis)
        centre = ((mean + mean[mirror]) / 2).mean(0)
    involution = (mirror[mirror] == np.arange(len(mean))).mean()
    print(f"mirror map: {involution:.1%} of points pair back; {(mirror == np.arange(len(mean))).sum()} on the midline")
    # The camera's down direction (y), made orthogonal to x, keeps the photos' average pitch; z completes a
    # right-handed frame (x right, y down, z away from the camera).
    y_axis = np.array([0.0, 1.0, 0.0])
    y_axis -= (y_axis @ x_axis) * x_axis
    y_axis /= np.linalg.norm(y_axis)
    z_axis = np.cross(x_axis, y_axis)
    frame = np.stack([x_axis, y_axis, z_axis])
    local = (mean - centre) @ frame.T
    mirrored = local[mirror] * np.array([-1, 1, 1])
    symmetric = (local + mirrored) / 2
    symmetric /= np.linalg.norm(symmetric[33] - symmetric[263])
    nose = symmetric[1]
    print(f"nose tip z {nose[2]:.3f} (negative: towards the camera), chin y {symmetric[152][1]:.3f}")
    assert nose[2] < 0 and symmetric[263][0] > symmetric[33][0]
    with open(destination, "w") as f:
        f.write("".join(f"{x:.6f} {y:.6f} {z:.6f}\n" for x, y, z in symmetric))
    print(f"wrote {destination}")


if __name__ == "__main__":
    main()
