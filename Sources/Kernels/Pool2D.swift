/// NHWC float32 2-D pooling (max and average); each op lives in its own extension file.
public enum Pool2D {}
