#ifndef HALLSIM_FUZZER_DRIVER_H
#define HALLSIM_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (part of the runtime that -sanitize=fuzzer links): parses libFuzzer's
/// flags from argv and runs `callback` on every input. Declared here because the runtime ships
/// no header for Swift to import.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
