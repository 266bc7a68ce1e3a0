internal import CLibXML2

/// One libxml2 XML document, owned here and freed in `deinit` (DESIGN §2: one Swift owner per C handle).
///
/// Parsed with `xmlCtxtReadMemory` and `XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
/// XML_PARSE_NOWARNING`: recovery keeps the items after a broken one (DESIGN §8), and no entity is
/// substituted at parse time, no DTD or external entity is loaded, and nothing is fetched.
final class XMLDocument {
    let pointer: xmlDocPtr
    /// false when libxml2 reported any error while parsing (what is here was recovered).
    let wellFormed: Bool

    private init(pointer: xmlDocPtr, wellFormed: Bool) {
        self.pointer = pointer
        self.wellFormed = wellFormed
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The libxml2 options of every XML parse: recovering, no network, silent; and compact: a text
    /// node shorter than two pointers (the newlines and indentation between elements, mostly) keeps
    /// its text inside the node instead of a dictionary lookup or an allocation of its own. That
    /// forbids changing the tree afterwards, which nothing here does.
    private static let xmlOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Parses `bytes`, decoding them as `encoding` (an IANA name; nil lets libxml2 sniff the
    /// declaration). `baseURL` becomes the document URL that relative links resolve against.
    ///
    /// `push` reads the bytes with libxml2's push parser in one chunk (`qw_xmlPushParseMemory`),
    /// which builds the same tree for a well-formed document, faster (CDATA sections are copied
    /// in one block). Its error recovery is not the pull parser's, so callers use it only as a
    /// first try and parse again without it when the result is not well-formed.
    static func parse(_ bytes: [UInt8], encoding: String?, baseURL: String?, push: Bool = false) -> XMLDocument? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        FeedParser.initialize()
        qw_xmlSilenceErrors()
        if push {
            var wellFormed: Int32 = 0
            let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    qw_xmlPushParseMemory(
                        chars.baseAddress!, Int32(chars.count), baseURL, encoding, xmlOptions, &wellFormed)
                }
            }
            guard let document else { return nil }
            return XMLDocument(pointer: document, wellFormed: wellFormed != 0)
        }
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), baseURL, encoding, xmlOptions)
            }
        }
        guard let document else { return nil }
        return XMLDocument(pointer: document, wellFormed: context.pointee.wellFormed != 0)
    }

    /// Parses an HTML page or fragment with libxml2's HTML parser (recovering, no network, silent,
    /// blank text kept). `encoding` is required: pass "UTF-8" for text that is already a Swift string.
    static func parseHTML(_ bytes: [UInt8], encoding: String) -> XMLDocument? {
        bytes.withUnsafeBufferPointer { parseHTML($0, encoding: encoding) }
    }

    static func parseHTML(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> XMLDocument? {
        guard bytes.count < Int(Int32.max) else { return nil }
        FeedParser.initialize()
        qw_xmlSilenceErrors()
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue)
        // An empty buffer is not a document for libxml2; a lone space is an empty body.
        let space: [UInt8] = [UInt8(ascii: " ")]
        let document: xmlDocPtr? = space.withUnsafeBufferPointer { spaceBuffer in
            let input = bytes.isEmpty ? spaceBuffer : bytes
            return input.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, encoding, options)
            }
        }
        guard let document else { return nil }
        return XMLDocument(pointer: document, wellFormed: context.pointee.wellFormed != 0)
    }

    /// The root element, if the recovered document has one.
    var root: XMLNode? {
        guard let node = xmlDocGetRootElement(pointer) else { return nil }
        return XMLNode(pointer: node, document: self)
    }
}
