#ifndef MANABI_CMECAB_SHIM_H
#define MANABI_CMECAB_SHIM_H
// MeCab's C API (mecab_model_*, mecab_lattice_*) is plain C with stable symbol names, so the
// system header is imported as it is; the thread-safe model/lattice API is the part we use.
#include <mecab.h>
#endif
