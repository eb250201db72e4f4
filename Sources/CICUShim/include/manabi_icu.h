#ifndef MANABI_ICU_H
#define MANABI_ICU_H

/*
 * A small C surface over ICU for the JapaneseText target.
 *
 * ICU renames every exported symbol per version (utrans_open becomes utrans_open_72 through
 * macros), which Swift cannot import, so these are real C functions compiled against the
 * installed headers. The header deliberately includes no ICU header: Swift only sees UTF-8
 * buffers, opaque handles and plain integers. Status values are ICU UErrorCode numbers
 * (0 = success, > 0 = failure).
 *
 * Every function returning `char *` hands back a NUL-terminated UTF-8 buffer allocated with
 * malloc; the caller releases it with manabi_icu_free.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque ICU transliterator (a UTransliterator).
typedef struct manabi_translit manabi_translit;

/// Opaque ICU collator (a UCollator).
typedef struct manabi_collator manabi_collator;

/// Releases a buffer returned by one of the functions below.
void manabi_icu_free(void *buffer);

/// Opens a transliterator. With `rules` NULL, `id` is a system ID or compound ID such as
/// "Katakana-Hiragana"; otherwise `rules` (UTF-8) are compiled and `id` only names the result.
manabi_translit *manabi_translit_open(const char *id, const char *rules, int32_t *status);

/// Makes an independent copy, so a pool can hand one to each concurrent caller.
manabi_translit *manabi_translit_clone(const manabi_translit *trans, int32_t *status);

/// Closes a transliterator opened or cloned above (utrans_close).
void manabi_translit_close(manabi_translit *trans);

/// Transliterates `length` bytes of UTF-8; the result length in bytes goes to `out_length`.
char *manabi_translit_apply(const manabi_translit *trans, const char *utf8, int32_t length,
                            int32_t *out_length, int32_t *status);

/// NFKC_Casefold normalisation through the process-wide, never-closed ICU instance.
char *manabi_nfkc_casefold(const char *utf8, int32_t length, int32_t *out_length, int32_t *status);

/// Opens a collator for a locale such as "ja".
manabi_collator *manabi_collator_open(const char *locale, int32_t *status);

/// Closes a collator (ucol_close).
void manabi_collator_close(manabi_collator *collator);

/// Returns a malloc'd sort key for UTF-8 text; its length (without the trailing 0) goes to
/// `out_length`.
uint8_t *manabi_collator_sort_key(const manabi_collator *collator, const char *utf8, int32_t length,
                                  int32_t *out_length, int32_t *status);

/// Compares two UTF-8 strings: -1, 0 or 1 like ucol_strcollUTF8.
int32_t manabi_collator_compare(const manabi_collator *collator, const char *a, int32_t a_length,
                                const char *b, int32_t b_length, int32_t *status);

#ifdef __cplusplus
}
#endif

#endif
