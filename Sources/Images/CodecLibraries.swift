// The C glue in CImageCodecs calls libjpeg and libpng, but C targets do not autolink on Linux (no -fmodules).
// Importing the system-library modules here makes the Swift objects carry their `link "jpeg"` / `link "png16"`
// entries, so every product that uses Images links both libraries.
internal import CJPEG
internal import CPNG
