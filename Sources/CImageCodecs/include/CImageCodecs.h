// C glue for the image codecs (error recovery with setjmp, which Swift cannot call).
#pragma once
