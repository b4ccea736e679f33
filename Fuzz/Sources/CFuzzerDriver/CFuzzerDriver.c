// The declaration in include/CFuzzerDriver.h is all this module provides; the definition is libFuzzer's.
#include "CFuzzerDriver.h"
