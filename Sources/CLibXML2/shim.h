// CLibXML2: libxml2 for Swift.
//
// Why this shim exists:
// - Debian's libxml2 is built with ICU, so libxml/encoding.h pulls in <unicode/ucnv.h>, whose
//   UErrorCode clashes with Foundation's own ICU copy ("'UErrorCode' has different definitions in
//   different modules", on clean builds only). Hiding LIBXML_ICU_ENABLED after xmlversion.h drops the
//   ICU fields of xmlCharEncodingHandler from Swift's view; quotewatch never touches that struct.
// - xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state; it is
//   wrapped in a static inline function.
#ifndef QUOTEWATCH_CLIBXML2_SHIM_H
#define QUOTEWATCH_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>
#include <libxml/encoding.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>

static inline void qw_xmlFree(void *_Nullable p) {
    xmlFree(p);
}

static void qw_xmlIgnoreGenericError(void *_Nullable ctx, const char *_Nullable msg, ...) {
    (void)ctx; (void)msg;
}

static void qw_xmlIgnoreStructuredError(void *_Nullable ctx, xmlErrorPtr _Nullable error) {
    (void)ctx; (void)error;
}

/// Silences libxml2's error output on the calling thread (libxml2 keeps these handlers per thread).
/// The generic handler is variadic, which Swift cannot write, hence this C helper.
static inline void qw_xmlSilenceErrors(void) {
    xmlSetGenericErrorFunc(NULL, qw_xmlIgnoreGenericError);
    xmlSetStructuredErrorFunc(NULL, qw_xmlIgnoreStructuredError);
}

/// glibc's memmem (declared by <string.h> only under _GNU_SOURCE, so Swift does not see it):
/// FeedParsing's byte scans use it to jump to "<!", "]]>" and "-->".
extern void *_Nullable memmem(const void *_Nonnull haystack, size_t haystacklen, const void *_Nonnull needle,
                              size_t needlelen);

static inline const void *_Nullable qw_memmem(const void *_Nonnull haystack, size_t haystacklen,
                                              const void *_Nonnull needle, size_t needlelen) {
    return memmem(haystack, haystacklen, needle, needlelen);
}
#endif
