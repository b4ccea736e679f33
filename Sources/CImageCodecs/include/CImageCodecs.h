// C glue for the image codecs. libjpeg and libpng report fatal errors by never returning from a callback; the
// functions here catch those with setjmp/longjmp (which Swift cannot call) and turn them into a 0 return value and a
// one-line message. Warnings are never printed.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Size of a decoded image as the decoder will deliver it (8 bits per channel, rows top to bottom, interleaved).
typedef struct {
    /// Width in pixels.
    uint32_t width;
    /// Height in pixels.
    uint32_t height;
    /// Channels per pixel of the delivered pixels: JPEG 1 (gray) or 3 (RGB); PNG 1 (gray), 2 (gray+alpha), 3 (RGB)
    /// or 4 (RGBA).
    uint32_t channels;
} ic_image_info;

/// Reads a JPEG header (pixels == NULL) or decodes the whole image into `pixels`, which must hold exactly
/// width * height * channels bytes as reported by a header-only call on the same bytes. CMYK/YCCK images are
/// converted to RGB. Any libjpeg warning (corrupt entropy data, premature end of file, ...) counts as an error.
/// Progressive files with more than `max_scans` scans are rejected. Returns 1 on success, 0 with `message` set.
int ic_jpeg_decode(const uint8_t *data, size_t size, uint32_t max_scans, ic_image_info *info, uint8_t *pixels,
                   size_t pixels_size, char *message, size_t message_capacity);

/// Encodes width * height * channels (1 gray or 3 RGB) bytes as baseline JPEG with quality 1...100 (4:4:4 chroma at
/// quality >= 90, 4:2:0 below). On success `*output` is a buffer the caller frees with ic_free. Returns 1 or 0.
int ic_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int quality,
                   uint8_t **output, size_t *output_size, char *message, size_t message_capacity);

/// Reads a PNG header (pixels == NULL) or decodes the whole image into `pixels`, which must hold exactly
/// width * height * channels bytes as reported by a header-only call. Palette, low-bit gray and tRNS are expanded,
/// 16-bit samples scaled to 8 bits, interlacing undone; no gamma correction. The header-only call reads up to the
/// first IDAT and allocates nothing proportional to the image size. CRC errors in any chunk, truncation and a
/// missing IEND are errors; warnings are silenced.
int ic_png_decode(const uint8_t *data, size_t size, ic_image_info *info, uint8_t *pixels,
                  size_t pixels_size, char *message, size_t message_capacity);

/// Encodes width * height * channels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) bytes as a non-interlaced 8-bit PNG.
/// On success `*output` is a buffer the caller frees with ic_free. Returns 1 or 0.
int ic_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, uint8_t **output,
                  size_t *output_size, char *message, size_t message_capacity);

/// Frees a buffer returned by an encoder.
void ic_free(void *pointer);

#ifdef __cplusplus
}
#endif
