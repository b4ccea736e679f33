// JPEG decoding and encoding through libjpeg(-turbo) with setjmp-based error recovery.
#include "CImageCodecs.h"
#include "codec_message.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/// Error manager whose error_exit longjmps back into the wrapper instead of calling exit().
typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char *message;
    size_t message_capacity;
} ic_jpeg_error_manager;

/// Records `text` as the error and jumps back to the wrapper's setjmp.
static void ic_jpeg_fail(j_common_ptr cinfo, const char *text) {
    ic_jpeg_error_manager *manager = (ic_jpeg_error_manager *)cinfo->err;
    ic_set_message(manager->message, manager->message_capacity, text);
    longjmp(manager->jump, 1);
}

static void ic_jpeg_error_exit(j_common_ptr cinfo) {
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    ic_jpeg_fail(cinfo, text);
}

/// Warnings (level -1) mean corrupt data: they become errors. Trace messages are dropped. Nothing is printed.
static void ic_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) ic_jpeg_error_exit(cinfo);
}

static void ic_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void ic_jpeg_install_error_manager(ic_jpeg_error_manager *manager, char *message, size_t capacity) {
    jpeg_std_error(&manager->pub);
    manager->pub.error_exit = ic_jpeg_error_exit;
    manager->pub.emit_message = ic_jpeg_emit_message;
    manager->pub.output_message = ic_jpeg_output_message;
    manager->message = message;
    manager->message_capacity = capacity;
}

/// Progress monitor that bounds the number of progressive scans (a many-scan file costs a full pass per scan).
typedef struct {
    struct jpeg_progress_mgr pub;
    uint32_t max_scans;
} ic_jpeg_scan_limit;

static void ic_jpeg_check_scans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    ic_jpeg_scan_limit *limit = (ic_jpeg_scan_limit *)cinfo->progress;
    if (dinfo->input_scan_number > 0 && (uint32_t)dinfo->input_scan_number > limit->max_scans) {
        char text[96];
        snprintf(text, sizeof text, "more than %u scans", (unsigned)limit->max_scans);
        ic_jpeg_fail(cinfo, text);
    }
}

/// Everything the decoder touches after setjmp lives here, on the heap, so longjmp cannot leave it indeterminate.
typedef struct {
    struct jpeg_decompress_struct cinfo;
    ic_jpeg_error_manager error;
    ic_jpeg_scan_limit progress;
} ic_jpeg_decoder;

/// Converts one row of CMYK samples (inverted when an Adobe marker was seen, as Adobe writes them) to RGB.
static void ic_cmyk_row_to_rgb(const JSAMPLE *cmyk, uint8_t *rgb, JDIMENSION width, int inverted) {
    for (JDIMENSION x = 0; x < width; x++) {
        unsigned c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2], k = cmyk[4 * x + 3];
        if (!inverted) {
            c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
        }
        rgb[3 * x] = (uint8_t)((c * k + 127) / 255);
        rgb[3 * x + 1] = (uint8_t)((m * k + 127) / 255);
        rgb[3 * x + 2] = (uint8_t)((y * k + 127) / 255);
    }
}

int ic_jpeg_decode(const uint8_t *data, size_t size, uint32_t max_scans, ic_image_info *info, uint8_t *pixels,
                   size_t pixels_size, char *message, size_t message_capacity) {
    ic_set_message(message, message_capacity, "");
    if (data == NULL || size == 0) {
        ic_set_message(message, message_capacity, "empty JPEG data");
        return 0;
    }
    if ((unsigned long)size != size) {
        ic_set_message(message, message_capacity, "JPEG data too large");
        return 0;
    }
    ic_jpeg_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    ic_jpeg_install_error_manager(&decoder->error, message, message_capacity);
    decoder->cinfo.err = &decoder->error.pub;
    if (setjmp(decoder->error.jump)) {
        jpeg_destroy_decompress(&decoder->cinfo);
        free(decoder);
        return 0;
    }
    jpeg_create_decompress(&decoder->cinfo);
    decoder->progress.pub.progress_monitor = ic_jpeg_check_scans;
    decoder->progress.max_scans = max_scans;
    decoder->cinfo.progress = &decoder->progress.pub;
    jpeg_mem_src(&decoder->cinfo, data, (unsigned long)size);
    if (jpeg_read_header(&decoder->cinfo, TRUE) != JPEG_HEADER_OK) {
        ic_jpeg_fail((j_common_ptr)&decoder->cinfo, "no image in JPEG data (tables only)");
    }
    J_COLOR_SPACE source = decoder->cinfo.jpeg_color_space;
    int is_cmyk = source == JCS_CMYK || source == JCS_YCCK;
    uint32_t channels = source == JCS_GRAYSCALE ? 1 : 3;
    decoder->cinfo.out_color_space = source == JCS_GRAYSCALE ? JCS_GRAYSCALE : (is_cmyk ? JCS_CMYK : JCS_RGB);
    uint32_t width = decoder->cinfo.image_width, height = decoder->cinfo.image_height;
    if (width == 0 || height == 0) ic_jpeg_fail((j_common_ptr)&decoder->cinfo, "JPEG image has zero size");
    if (info != NULL) {
        info->width = width;
        info->height = height;
        info->channels = channels;
    }
    if (pixels == NULL) {
        jpeg_destroy_decompress(&decoder->cinfo);
        free(decoder);
        return 1;
    }
    size_t stride = (size_t)width * channels;
    if (stride / channels != width || (size_t)height > SIZE_MAX / stride || stride * height != pixels_size) {
        ic_jpeg_fail((j_common_ptr)&decoder->cinfo, "output buffer does not match the JPEG size");
    }
    jpeg_start_decompress(&decoder->cinfo);
    if (decoder->cinfo.output_width != width || decoder->cinfo.output_height != height ||
        (uint32_t)decoder->cinfo.output_components != (is_cmyk ? 4u : channels)) {
        ic_jpeg_fail((j_common_ptr)&decoder->cinfo, "unexpected JPEG output layout");
    }
    JSAMPARRAY cmyk_row = NULL;
    if (is_cmyk) {
        cmyk_row = (*decoder->cinfo.mem->alloc_sarray)((j_common_ptr)&decoder->cinfo, JPOOL_IMAGE,
                                                        width * 4, 1);
    }
    while (decoder->cinfo.output_scanline < height) {
        uint8_t *destination = pixels + (size_t)decoder->cinfo.output_scanline * stride;
        if (is_cmyk) {
            if (jpeg_read_scanlines(&decoder->cinfo, cmyk_row, 1) != 1) break;
            ic_cmyk_row_to_rgb(cmyk_row[0], destination, width, decoder->cinfo.saw_Adobe_marker);
        } else {
            JSAMPROW row = destination;
            if (jpeg_read_scanlines(&decoder->cinfo, &row, 1) != 1) break;
        }
    }
    if (decoder->cinfo.output_scanline < height) {
        ic_jpeg_fail((j_common_ptr)&decoder->cinfo, "JPEG decoder stopped before the last row");
    }
    jpeg_finish_decompress(&decoder->cinfo);
    jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder);
    return 1;
}

/// Destination manager that grows a malloc'ed buffer; the buffer survives errors so the wrapper can free it.
typedef struct {
    struct jpeg_destination_mgr pub;
    uint8_t *buffer;
    size_t capacity;
    size_t size;
} ic_jpeg_memory_destination;

static void ic_jpeg_init_destination(j_compress_ptr cinfo) {
    ic_jpeg_memory_destination *destination = (ic_jpeg_memory_destination *)cinfo->dest;
    destination->capacity = 1 << 16;
    destination->buffer = malloc(destination->capacity);
    if (destination->buffer == NULL) ic_jpeg_fail((j_common_ptr)cinfo, "out of memory");
    destination->pub.next_output_byte = destination->buffer;
    destination->pub.free_in_buffer = destination->capacity;
}

static boolean ic_jpeg_empty_output_buffer(j_compress_ptr cinfo) {
    ic_jpeg_memory_destination *destination = (ic_jpeg_memory_destination *)cinfo->dest;
    size_t old_capacity = destination->capacity;
    if (old_capacity > SIZE_MAX / 2) ic_jpeg_fail((j_common_ptr)cinfo, "JPEG output too large");
    uint8_t *grown = realloc(destination->buffer, old_capacity * 2);
    if (grown == NULL) ic_jpeg_fail((j_common_ptr)cinfo, "out of memory");
    destination->buffer = grown;
    destination->capacity = old_capacity * 2;
    destination->pub.next_output_byte = grown + old_capacity;
    destination->pub.free_in_buffer = old_capacity;
    return TRUE;
}

static void ic_jpeg_term_destination(j_compress_ptr cinfo) {
    ic_jpeg_memory_destination *destination = (ic_jpeg_memory_destination *)cinfo->dest;
    destination->size = destination->capacity - destination->pub.free_in_buffer;
}

typedef struct {
    struct jpeg_compress_struct cinfo;
    ic_jpeg_error_manager error;
    ic_jpeg_memory_destination destination;
} ic_jpeg_encoder;

int ic_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int quality,
                   uint8_t **output, size_t *output_size, char *message, size_t message_capacity) {
    ic_set_message(message, message_capacity, "");
    if (output == NULL || output_size == NULL || pixels == NULL) {
        ic_set_message(message, message_capacity, "missing buffer");
        return 0;
    }
    *output = NULL;
    *output_size = 0;
    if (channels != 1 && channels != 3) {
        ic_set_message(message, message_capacity, "JPEG encoding needs 1 or 3 channels");
        return 0;
    }
    if (width == 0 || height == 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION) {
        ic_set_message(message, message_capacity, "image size not encodable as JPEG (1...65500 per side)");
        return 0;
    }
    if (quality < 1 || quality > 100) {
        ic_set_message(message, message_capacity, "JPEG quality outside 1...100");
        return 0;
    }
    ic_jpeg_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) {
        ic_set_message(message, message_capacity, "out of memory");
        return 0;
    }
    ic_jpeg_install_error_manager(&encoder->error, message, message_capacity);
    encoder->cinfo.err = &encoder->error.pub;
    if (setjmp(encoder->error.jump)) {
        jpeg_destroy_compress(&encoder->cinfo);
        free(encoder->destination.buffer);
        free(encoder);
        return 0;
    }
    jpeg_create_compress(&encoder->cinfo);
    encoder->destination.pub.init_destination = ic_jpeg_init_destination;
    encoder->destination.pub.empty_output_buffer = ic_jpeg_empty_output_buffer;
    encoder->destination.pub.term_destination = ic_jpeg_term_destination;
    encoder->cinfo.dest = &encoder->destination.pub;
    encoder->cinfo.image_width = width;
    encoder->cinfo.image_height = height;
    encoder->cinfo.input_components = (int)channels;
    encoder->cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&encoder->cinfo);
    jpeg_set_quality(&encoder->cinfo, quality, TRUE);
    encoder->cinfo.optimize_coding = TRUE;
    if (channels == 3 && quality >= 90) {
        encoder->cinfo.comp_info[0].h_samp_factor = 1;
        encoder->cinfo.comp_info[0].v_samp_factor = 1;
    }
    jpeg_start_compress(&encoder->cinfo, TRUE);
    size_t stride = (size_t)width * channels;
    while (encoder->cinfo.next_scanline < height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)encoder->cinfo.next_scanline * stride);
        jpeg_write_scanlines(&encoder->cinfo, &row, 1);
    }
    jpeg_finish_compress(&encoder->cinfo);
    jpeg_destroy_compress(&encoder->cinfo);
    *output = encoder->destination.buffer;
    *output_size = encoder->destination.size;
    free(encoder);
    return 1;
}

void ic_free(void *pointer) { free(pointer); }
