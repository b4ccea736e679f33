"""Turn the head-pose reference face so that pitch 0 is a frontal face, not the portraits' average pitch.

    .venv/bin/python scripts/pose/level_mean_face.py canonical_face_model.obj Sources/FacePipeline/Resources/mesh/mean_face.txt

make_mean_face.py leaves the mean mesh at the average orientation of the portraits it was made from (yaw and roll
0 by symmetry, pitch whatever those photos had). MediaPipe's canonical face model
(mediapipe/modules/face_geometry/data/canonical_face_model.obj, Apache-2.0, the 3D face the mesh network's points
are defined on; y up, z towards the camera) is frontal: its forehead top (point 10) lies straight above its chin
(point 152). This script finds the rotation that best turns the reference face onto the canonical model (Kabsch,
after centring and scaling), keeps only its turn about the x axis (the pitch; the other two are 0 by symmetry), and
writes the reference turned by it, in place. The shape is unchanged; only its orientation moves.
"""

import sys

import numpy as np


def main():
    obj, path = sys.argv[1], sys.argv[2]
    canonical = np.array([[float(t) for t in line.split()[1:4]] for line in open(obj) if line.startswith("v ")])
    assert canonical.shape == (468, 3), canonical.shape
    canonical *= np.array([1.0, -1.0, -1.0])  # to x right, y down, z away from the camera
    reference = np.loadtxt(path)
    a, b = reference - reference.mean(0), canonical - canonical.mean(0)
    u, _, vt = np.linalg.svd(b.T @ a)
    rotation = u @ np.diag([1.0, 1.0, np.sign(np.linalg.det(u @ vt))]) @ vt
    angle = np.arctan2(rotation[2, 1], rotation[1, 1])
    print(f"reference turned {np.degrees(angle):+.2f} degrees about x "
          f"(other axes {np.degrees(np.arctan2(rotation[0, 2], rotation[0, 0])):+.3f}, "
          f"{np.degrees(np.arctan2(rotation[1, 0], rotation[0, 0])):+.3f}: left as they are)")
    c, s = np.cos(angle), np.sin(angle)
    pitch = np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])
    centre = reference.mean(0)
    levelled = (reference - centre) @ pitch.T + centre
    levelled[np.abs(levelled) < 5e-7] = 0.0
    np.savetxt(path, levelled, fmt="%.6f")
    tilt = levelled[152] - levelled[10]
    print(f"forehead-to-chin line {np.degrees(np.arctan2(tilt[2], tilt[1])):+.2f} degrees from vertical "
          f"(canonical model {np.degrees(np.arctan2(*(canonical[152] - canonical[10])[[2, 1]])):+.2f})")


if __name__ == "__main__":
    main()
