#include "manabi_icu.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

// MARK: - UTF-8 <-> UTF-16 helpers

/* ICU's transform and normalisation APIs work on UTF-16, Swift hands us UTF-8. */
static UChar *to_utf16(const char *utf8, int32_t length, int32_t extra, int32_t *out_length,
                       int32_t *out_capacity, UErrorCode *status) {
    int32_t needed = 0;
    UErrorCode probe = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &needed, utf8, length, &probe);
    if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) {
        *status = probe;
        return NULL;
    }
    int32_t capacity = needed + extra + 1;
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (buffer == NULL) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    u_strFromUTF8(buffer, capacity, out_length, utf8, length, status);
    if (U_FAILURE(*status)) {
        free(buffer);
        return NULL;
    }
    if (out_capacity != NULL) *out_capacity = capacity;
    return buffer;
}

static char *to_utf8(const UChar *text, int32_t length, int32_t *out_length, UErrorCode *status) {
    int32_t needed = 0;
    UErrorCode probe = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &needed, text, length, &probe);
    if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) {
        *status = probe;
        return NULL;
    }
    char *buffer = malloc((size_t)needed + 1);
    if (buffer == NULL) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    u_strToUTF8(buffer, needed + 1, out_length, text, length, status);
    if (U_FAILURE(*status)) {
        free(buffer);
        return NULL;
    }
    return buffer;
}

void manabi_icu_free(void *buffer) { free(buffer); }

// MARK: - Transliteration

manabi_translit *manabi_translit_open(const char *id, const char *rules, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UChar uid[256];
    u_uastrncpy(uid, id, 255);
    uid[255] = 0;
    UTransliterator *trans = NULL;
    if (rules == NULL) {
        trans = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &error);
    } else {
        int32_t rules_length = 0;
        UChar *urules = to_utf16(rules, -1, 0, &rules_length, NULL, &error);
        if (urules != NULL) {
            UParseError parse_error;
            trans = utrans_openU(uid, -1, UTRANS_FORWARD, urules, rules_length, &parse_error, &error);
            free(urules);
        }
    }
    if (U_FAILURE(error) && trans != NULL) {
        utrans_close(trans);
        trans = NULL;
    }
    *status = error;
    return (manabi_translit *)trans;
}

manabi_translit *manabi_translit_clone(const manabi_translit *trans, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UTransliterator *copy = utrans_clone((const UTransliterator *)trans, &error);
    if (U_FAILURE(error) && copy != NULL) {
        utrans_close(copy);
        copy = NULL;
    }
    *status = error;
    return (manabi_translit *)copy;
}

void manabi_translit_close(manabi_translit *trans) {
    if (trans != NULL) utrans_close((UTransliterator *)trans);
}

char *manabi_translit_apply(const manabi_translit *trans, const char *utf8, int32_t length,
                            int32_t *out_length, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t text_length = 0;
    int32_t capacity = 0;
    // Kana to romaji can triple the length (っちゃ -> ccha); start with room for that and
    // retry from the original text if ICU still reports overflow.
    int32_t extra = length * 4 + 16;
    for (int attempt = 0; attempt < 4; attempt++) {
        error = U_ZERO_ERROR;
        UChar *text = to_utf16(utf8, length, extra, &text_length, &capacity, &error);
        if (text == NULL) break;
        int32_t limit = text_length;
        utrans_transUChars((const UTransliterator *)trans, text, &text_length, capacity, 0, &limit, &error);
        if (error == U_BUFFER_OVERFLOW_ERROR) {
            free(text);
            extra *= 4;
            continue;
        }
        char *result = NULL;
        if (U_SUCCESS(error)) result = to_utf8(text, text_length, out_length, &error);
        free(text);
        *status = error;
        return result;
    }
    *status = U_FAILURE(error) ? error : U_INTERNAL_PROGRAM_ERROR;
    return NULL;
}

// MARK: - Normalisation

char *manabi_nfkc_casefold(const char *utf8, int32_t length, int32_t *out_length, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    // The instance belongs to ICU, is immutable and shared by all threads; it must not be closed.
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&error);
    if (U_FAILURE(error)) {
        *status = error;
        return NULL;
    }
    int32_t src_length = 0;
    UChar *src = to_utf16(utf8, length, 0, &src_length, NULL, &error);
    if (src == NULL) {
        *status = error;
        return NULL;
    }
    UErrorCode probe = U_ZERO_ERROR;
    int32_t needed = unorm2_normalize(norm, src, src_length, NULL, 0, &probe);
    if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) {
        free(src);
        *status = probe;
        return NULL;
    }
    UChar *dest = malloc(sizeof(UChar) * ((size_t)needed + 1));
    if (dest == NULL) {
        free(src);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    int32_t dest_length = unorm2_normalize(norm, src, src_length, dest, needed + 1, &error);
    free(src);
    char *result = NULL;
    if (U_SUCCESS(error)) result = to_utf8(dest, dest_length, out_length, &error);
    free(dest);
    *status = error;
    return result;
}

// MARK: - Collation

manabi_collator *manabi_collator_open(const char *locale, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &error);
    if (U_FAILURE(error) && collator != NULL) {
        ucol_close(collator);
        collator = NULL;
    }
    *status = error;
    return (manabi_collator *)collator;
}

void manabi_collator_close(manabi_collator *collator) {
    if (collator != NULL) ucol_close((UCollator *)collator);
}

uint8_t *manabi_collator_sort_key(const manabi_collator *collator, const char *utf8, int32_t length,
                                  int32_t *out_length, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t text_length = 0;
    UChar *text = to_utf16(utf8, length, 0, &text_length, NULL, &error);
    if (text == NULL) {
        *status = error;
        return NULL;
    }
    const UCollator *coll = (const UCollator *)collator;
    // ucol_getSortKey returns the full size needed (including the terminating 0) even when
    // the buffer is too small, so one probe call sizes the real buffer.
    int32_t needed = ucol_getSortKey(coll, text, text_length, NULL, 0);
    uint8_t *key = NULL;
    if (needed > 0) {
        key = malloc((size_t)needed);
        if (key == NULL) {
            error = U_MEMORY_ALLOCATION_ERROR;
        } else {
            int32_t written = ucol_getSortKey(coll, text, text_length, key, needed);
            *out_length = written > 0 ? written - 1 : 0;
        }
    } else {
        error = U_INTERNAL_PROGRAM_ERROR;
    }
    free(text);
    *status = error;
    return key;
}

int32_t manabi_collator_compare(const manabi_collator *collator, const char *a, int32_t a_length,
                                const char *b, int32_t b_length, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UCollationResult result = ucol_strcollUTF8((const UCollator *)collator, a, a_length, b, b_length, &error);
    *status = error;
    return (int32_t)result;
}
