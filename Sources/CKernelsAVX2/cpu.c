#include "lanes.h"

#if LANDMARK_X86
bool landmark_avx2_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#else
bool landmark_avx2_available(void) { return false; }
#endif
