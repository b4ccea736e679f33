// PNG decoding and encoding through libpng with png_set_error_fn + setjmp error recovery.
#include "CImageCodecs.h"
#include "codec_message.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/// Everything the callbacks and the recovery path touch after setjmp lives here, on the heap.
typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
    png_bytep *rows;
    uint8_t *output;
    size_t output_capacity;
    size_t output_size;
    char *message;
    size_t message_capacity;
} ic_png_context;

/// Records libpng's message and jumps back to the wrapper's setjmp (png_longjmp never returns).
static void ic_png_error(png_structp png, png_const_charp text) {
    ic_png_context *context = png_get_error_ptr(png);
    ic_set_message(context->message, context->message_capacity, text);
    png_longjmp(png, 1);
}

/// Warnings are silenced: recoverable oddities (unknown profile, benign chunk issues) do not stop decoding.
static void ic_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void ic_png_read(png_structp png, png_bytep destination, size_t length) {
    ic_png_context *context = png_get_io_ptr(png);
    if (length > context->size - context->offset) png_error(png, "unexpected end of file");
    memcpy(destination, context->data + context->offset, length);
    context->offset += length;
}

int ic_png_decode(const uint8_t *data, size_t size, ic_image_info *info, uint8_t *pixels,
                  size_t pixels_size, char *message, size_t message_capacity) {
    ic_set_message(message, message_capacity, "");
    if (data == NULL || size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        ic_set_message(message, message_capacity, "missing PNG signature");
        return 0;
    }
    ic_png_context *context = calloc(1, sizeof *context);
    if (context == NULL) {
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    context->data = data;
    context->size = size;
    context->message = message;
    context->message_capacity = message_capacity;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, context, ic_png_error, ic_png_warning);
    png_infop png_info = png == NULL ? NULL : png_create_info_struct(png);
    if (png == NULL || png_info == NULL) {
        png_destroy_read_struct(png == NULL ? NULL : &png, NULL, NULL);
        free(context);
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &png_info, NULL);
        free(context->rows);
        free(context);
        return 0;
    }
    png_set_read_fn(png, context, ic_png_read);
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_read_info(png, png_info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
    png_get_IHDR(png, png_info, &width, &height, &bit_depth, &color_type, NULL, NULL, NULL);
    int has_transparency = png_get_valid(png, png_info, PNG_INFO_tRNS) != 0;
    uint32_t channels;
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: channels = has_transparency ? 2 : 1; break;
    case PNG_COLOR_TYPE_GRAY_ALPHA: channels = 2; break;
    case PNG_COLOR_TYPE_PALETTE:
    case PNG_COLOR_TYPE_RGB: channels = has_transparency ? 4 : 3; break;
    case PNG_COLOR_TYPE_RGB_ALPHA: channels = 4; break;
    default: png_error(png, "unknown color type");
    }
    if (info != NULL) {
        info->width = width;
        info->height = height;
        info->channels = channels;
    }
    // The header-only call stops here: png_read_update_info already allocates row buffers proportional to width.
    if (pixels == NULL) {
        png_destroy_read_struct(&png, &png_info, NULL);
        free(context);
        return 1;
    }
    png_set_expand(png);
    png_set_scale_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, png_info);
    size_t stride = (size_t)width * channels;
    if (png_get_channels(png, png_info) != channels || png_get_bit_depth(png, png_info) != 8 ||
        png_get_rowbytes(png, png_info) != stride) {
        png_error(png, "unexpected PNG output layout");
    }
    if ((size_t)height > SIZE_MAX / stride || stride * height != pixels_size) {
        png_error(png, "output buffer does not match the PNG size");
    }
    context->rows = malloc((size_t)height * sizeof(png_bytep));
    if (context->rows == NULL) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < height; y++) context->rows[y] = pixels + (size_t)y * stride;
    png_read_image(png, context->rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &png_info, NULL);
    free(context->rows);
    free(context);
    return 1;
}

static void ic_png_write(png_structp png, png_bytep source, size_t length) {
    ic_png_context *context = png_get_io_ptr(png);
    if (length > SIZE_MAX - context->output_size) png_error(png, "PNG output too large");
    size_t needed = context->output_size + length;
    if (needed > context->output_capacity) {
        size_t capacity = context->output_capacity < 4096 ? 4096 : context->output_capacity;
        while (capacity < needed) {
            if (capacity > SIZE_MAX / 2) png_error(png, "PNG output too large");
            capacity *= 2;
        }
        uint8_t *grown = realloc(context->output, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        context->output = grown;
        context->output_capacity = capacity;
    }
    memcpy(context->output + context->output_size, source, length);
    context->output_size = needed;
}

static void ic_png_flush(png_structp png) { (void)png; }

int ic_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, uint8_t **output,
                  size_t *output_size, char *message, size_t message_capacity) {
    ic_set_message(message, message_capacity, "");
    if (output == NULL || output_size == NULL || pixels == NULL) {
        ic_set_message(message, message_capacity, "missing buffer");
        return 0;
    }
    *output = NULL;
    *output_size = 0;
    static const int color_types[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                      PNG_COLOR_TYPE_RGB_ALPHA};
    if (channels < 1 || channels > 4) {
        ic_set_message(message, message_capacity, "PNG encoding needs 1 to 4 channels");
        return 0;
    }
    if (width == 0 || height == 0 || width > PNG_UINT_31_MAX || height > PNG_UINT_31_MAX) {
        ic_set_message(message, message_capacity, "image size not encodable as PNG");
        return 0;
    }
    ic_png_context *context = calloc(1, sizeof *context);
    if (context == NULL) {
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    context->message = message;
    context->message_capacity = message_capacity;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, context, ic_png_error, ic_png_warning);
    png_infop png_info = png == NULL ? NULL : png_create_info_struct(png);
    if (png == NULL || png_info == NULL) {
        png_destroy_write_struct(png == NULL ? NULL : &png, NULL);
        free(context);
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &png_info);
        free(context->output);
        free(context);
        return 0;
    }
    png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_set_write_fn(png, context, ic_png_write, ic_png_flush);
    png_set_IHDR(png, png_info, width, height, 8, color_types[channels - 1], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, png_info);
    size_t stride = (size_t)width * channels;
    for (png_uint_32 y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &png_info);
    *output = context->output;
    *output_size = context->output_size;
    free(context);
    return 1;
}
