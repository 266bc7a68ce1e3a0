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
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <string.h>
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

/// The push parser's CDATA handler: the pull parser reads a CDATA section character by character,
/// which turns "\r\n" and a lone "\r" into "\n" (XML 1.0 §2.11); the push parser hands the section
/// over as it is in the input. This applies the same end-of-line handling before the tree builder.
static void qw_xmlCDataBlockNormalizingLineEnds(void *_Nullable ctx, const xmlChar *_Nullable value, int len) {
    if (value == NULL || len <= 0 || memchr(value, '\r', (size_t)len) == NULL) {
        xmlSAX2CDataBlock(ctx, value, len);
        return;
    }
    xmlChar *copy = (xmlChar *)xmlMalloc((size_t)len + 1);
    if (copy == NULL) {
        xmlSAX2CDataBlock(ctx, value, len);
        return;
    }
    int n = 0;
    for (int i = 0; i < len; i++) {
        if (value[i] == '\r') {
            copy[n++] = '\n';
            if (i + 1 < len && value[i + 1] == '\n') i++;
        } else {
            copy[n++] = value[i];
        }
    }
    copy[n] = 0;
    xmlSAX2CDataBlock(ctx, copy, n);
    xmlFree(copy);
}

/// Parses a whole in-memory document with libxml2's push parser (one `xmlParseChunk`, terminate set),
/// set up as `xmlCtxtReadMemory` sets up the pull parser (`xmlDoRead`): the options, the forced
/// encoding (`ctxt->encoding` and its handler), the URL as the input's file name. The push parser
/// hands each CDATA section to the tree builder in one block instead of decoding it character by
/// character (`xmlParseCDSect`), which is most of the difference between `xmllint --stream` and a
/// DOM parse on feeds. Returns the document (the caller owns it) and whether it was well-formed.
static inline xmlDocPtr _Nullable qw_xmlPushParseMemory(const char *_Nonnull buffer, int size,
                                                        const char *_Nullable URL,
                                                        const char *_Nullable encoding, int options,
                                                        int *_Nonnull wellFormed) {
    *wellFormed = 0;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    if (ctxt->sax != NULL && ctxt->sax->cdataBlock == xmlSAX2CDataBlock)
        ctxt->sax->cdataBlock = qw_xmlCDataBlockNormalizingLineEnds;
    if (encoding != NULL) {
        if (ctxt->encoding != NULL) xmlFree((xmlChar *)ctxt->encoding);
        ctxt->encoding = xmlStrdup((const xmlChar *)encoding);
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) xmlSwitchToEncoding(ctxt, handler);
    }
    if (URL != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)URL);
    xmlParseChunk(ctxt, buffer, size, 1);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    *wellFormed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    return doc;
}
#endif
