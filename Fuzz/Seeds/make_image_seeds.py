"""Writes the small image seeds of the FuzzImage target (Fuzz/Seeds/image) from a bundled photo.

Run once with Pillow (`.venv/bin/python Fuzz/Seeds/make_image_seeds.py`); the outputs are committed. Small
seeds (a few hundred bytes each) let libFuzzer mutate every header, chunk and marker quickly; `make fuzz` adds
the full-size photos under Tests/Fixtures/mtcnn/photos as well.
"""
import io
import os

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "image")


def save(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def pnm(image, magic, maxval=255):
    """PGM/PPM in any of P2/P3/P5/P6, 8 or 16 bits."""
    width, height = image.size
    channels = 1 if magic in ("P2", "P5") else 3
    values = list(image.convert("L" if channels == 1 else "RGB").tobytes())
    values = [v * maxval // 255 for v in values]
    header = f"{magic}\n# seed\n{width} {height}\n{maxval}\n".encode()
    if magic in ("P2", "P3"):
        return header + " ".join(map(str, values)).encode() + b"\n"
    if maxval > 255:
        return header + b"".join(v.to_bytes(2, "big") for v in values)
    return header + bytes(values)


def main():
    os.makedirs(OUT, exist_ok=True)
    photo = Image.open(os.path.join(ROOT, "Tests/Fixtures/mtcnn/photos/astronaut.png")).convert("RGB")
    small = photo.crop((100, 20, 300, 220)).resize((24, 16), Image.BILINEAR)
    gray = small.convert("L")
    rgba = small.convert("RGBA")
    rgba.putalpha(gray)

    save("rgb.png", encoded(small, "PNG"))
    save("rgba.png", encoded(rgba, "PNG"))
    save("gray.png", encoded(gray, "PNG"))
    save("gray_alpha.png", encoded(rgba.convert("LA"), "PNG"))
    save("palette.png", encoded(small.convert("P", palette=Image.ADAPTIVE, colors=16), "PNG"))
    save("bilevel.png", encoded(gray.convert("1"), "PNG"))
    save("gray16.png", encoded(gray.convert("I;16"), "PNG"))
    save("interlaced.png", encoded(small, "PNG", interlace=1))
    save("baseline.jpg", encoded(small, "JPEG", quality=75))
    save("baseline444.jpg", encoded(small, "JPEG", quality=95, subsampling=0))
    save("progressive.jpg", encoded(small, "JPEG", quality=75, progressive=True))
    save("gray.jpg", encoded(gray, "JPEG", quality=75))
    save("cmyk.jpg", encoded(small.convert("CMYK"), "JPEG", quality=75))
    exif = Image.Exif()
    exif[0x0112] = 6
    save("exif_orientation6.jpg", encoded(small, "JPEG", quality=60, exif=exif.tobytes()))
    save("optimized.jpg", encoded(small, "JPEG", quality=60, optimize=True))
    save("p6.ppm", pnm(small, "P6"))
    save("p5.pgm", pnm(small, "P5"))
    save("p3.ppm", pnm(small.resize((6, 4)), "P3"))
    save("p2.pgm", pnm(small.resize((6, 4)), "P2"))
    save("p5_16bit.pgm", pnm(small, "P5", maxval=65535))


if __name__ == "__main__":
    main()
