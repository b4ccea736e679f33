// libxsmm's code generator (Debian: libxsmm-dev, the static libxsmmgen.a): machine code for one small matrix
// multiplication of a fixed shape, made at load time. Only the generator is used, not libxsmm's run-time library,
// whose kernel registry costs ~11 MB of resident memory from its initialization on.
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <libxsmm_cpuid.h>
#include <libxsmm_generator.h>

/// Generates the kernel for column-major `C[m x n] = A[m x k] B[k x n] + beta * C` (leading dimensions `lda`, `ldb`,
/// `ldc`; alpha 1; no prefetch) into fresh executable memory and stores its size in `size`. Returns NULL when the
/// CPU has no AVX2 (the kernels would not beat OpenBLAS there), the shape is rejected, or executable memory cannot
/// be had. Release the kernel with `landmark_xsmm_release`.
static inline void *landmark_xsmm_generate(int m, int n, int k, int lda, int ldb, int ldc, float beta, size_t *size) {
    const int arch = libxsmm_cpuid();
    if (arch < LIBXSMM_X86_AVX2) return NULL;
    libxsmm_descriptor_blob blob;
    const libxsmm_gemm_descriptor *descriptor = libxsmm_sgemm_descriptor_init(
        &blob, m, n, k, lda, ldb, ldc, 1.0f, beta, LIBXSMM_GEMM_FLAG_NONE, LIBXSMM_GEMM_PREFETCH_NONE);
    if (descriptor == NULL) return NULL;
    const unsigned int capacity = 1u << 18;
    void *buffer = malloc(capacity);
    if (buffer == NULL) return NULL;
    libxsmm_generated_code code;
    memset(&code, 0, sizeof code);
    code.generated_code = buffer;
    code.buffer_size = capacity;
    code.code_type = 2;  // binary code
    code.arch = (unsigned int)arch;
    libxsmm_generator_gemm_kernel(&code, descriptor);
    void *kernel = NULL;
    if (code.last_error == 0 && code.code_size > 0) {
        void *memory = mmap(NULL, code.code_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory != MAP_FAILED) {
            memcpy(memory, buffer, code.code_size);
            if (mprotect(memory, code.code_size, PROT_READ | PROT_EXEC) == 0) {
                kernel = memory;
                *size = code.code_size;
            } else {
                munmap(memory, code.code_size);
            }
        }
    }
    free(buffer);
    return kernel;
}

/// Frees a kernel from `landmark_xsmm_generate`.
static inline void landmark_xsmm_release(void *kernel, size_t size) { munmap(kernel, size); }

/// Runs a kernel from `landmark_xsmm_generate` on column-major `a`, `b`, `c`.
static inline void landmark_xsmm_run(const void *kernel, const float *a, const float *b, float *c) {
    ((void (*)(const float *, const float *, float *))kernel)(a, b, c);
}
