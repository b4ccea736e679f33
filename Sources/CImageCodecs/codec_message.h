// Shared helper: copies a library message into the caller's buffer as one line.
#pragma once

#include <stddef.h>

/// Copies `text` into `message` (capacity bytes incl. NUL), replacing control characters with spaces.
static inline void ic_set_message(char *message, size_t capacity, const char *text) {
    if (message == NULL || capacity == 0) return;
    size_t i = 0;
    if (text != NULL) {
        for (; text[i] != '\0' && i + 1 < capacity; i++) {
            unsigned char c = (unsigned char)text[i];
            message[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
        }
    }
    message[i] = '\0';
}
