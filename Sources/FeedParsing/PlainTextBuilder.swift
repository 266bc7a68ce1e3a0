internal import CLibXML2

/// Accumulates paragraphs of plain text while walking an HTML tree (`HTMLText`'s format).
///
/// Works on UTF-8 bytes: text nodes are read from libxml2's buffers without making a `String` per
/// node, white space is collapsed as it is copied (ASCII by byte, the few non-ASCII spaces by their
/// encodings), and each paragraph is trimmed line by line into one output buffer, which becomes
/// the only `String` made. The rules are the ones the `String`-based builder had, character for
/// character (the one place where Unicode grapheme clusters matter, a space after a prepended
/// mark, is decided by `String` itself).
struct PlainTextBuilder {
    /// The finished paragraphs, separated by "\n\n".
    private var output: [UInt8] = []
    private var hasParagraph = false
    /// The paragraph in progress: no white space but single " " and "\n".
    private var current: [UInt8] = []
    private var pendingSpace = false
    static let maxDepth = 800

    /// Appends text, collapsing white space (`text(_:)` for a `String`).
    mutating func text(_ string: String) {
        var string = string
        string.withUTF8 { text(utf8: $0) }
    }

    /// Appends a NUL-terminated text from libxml2 (invalid UTF-8 repaired as `String(cString:)` does).
    mutating func text(cString: UnsafePointer<xmlChar>) {
        let count = strlen(UnsafeRawPointer(cString).assumingMemoryBound(to: CChar.self))
        let bytes = UnsafeBufferPointer(start: cString, count: count)
        if TextDecoding.isValidUTF8(bytes) {
            text(utf8: bytes)
        } else {
            text(String(cString: cString))
        }
    }

    /// Whether the scalar of `length` bytes at `index` is one of the spaces besides ASCII's:
    /// U+00A0, U+2028, U+2029, U+200B, U+FEFF.
    private static func isSpace(_ utf8: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int) -> Bool {
        switch length {
        case 2:
            return utf8[index] == 0xC2 && utf8[index + 1] == 0xA0
        case 3:
            let (b0, b1, b2) = (utf8[index], utf8[index + 1], utf8[index + 2])
            if b0 == 0xE2 && b1 == 0x80 { return b2 == 0xA8 || b2 == 0xA9 || b2 == 0x8B }
            return b0 == 0xEF && b1 == 0xBB && b2 == 0xBF
        default:
            return false
        }
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private mutating func space() {
        if let last = current.last, last != 0x0A { pendingSpace = true }
    }

    /// Appends valid UTF-8, runs of non-space characters in one piece.
    mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        var i = 0
        while i < n {
            let byte = utf8[i]
            if byte < 0x80 && Self.isASCIISpace(byte) {
                space()
                i += 1
                continue
            }
            // A run of characters that are not spaces.
            let start = i
            while i < n {
                let b = utf8[i]
                if b < 0x80 {
                    if Self.isASCIISpace(b) { break }
                    i += 1
                } else {
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    if Self.isSpace(utf8, i, length) { break }
                    i += length
                }
            }
            if i > start {
                if pendingSpace { current.append(0x20) }
                pendingSpace = false
                current.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            } else {
                // A non-ASCII space.
                space()
                i += utf8[i] >= 0xF0 ? 4 : utf8[i] >= 0xE0 ? 3 : 2
            }
        }
    }

    mutating func lineBreak() {
        pendingSpace = false
        while current.last == 0x20 && lastSpaceIsACharacter() { current.removeLast() }
        if !current.isEmpty { current.append(0x0A) }
    }

    /// Whether the final " " of `current` is a character of its own (as `String.last == " "`
    /// tells): always, unless the scalar before it is one that clusters with what follows.
    private func lastSpaceIsACharacter() -> Bool {
        let count = current.count
        guard count >= 2, current[count - 2] >= 0x80 else { return true }
        var start = count - 2
        while start > 0 && current[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: current[start...], as: UTF8.self).count > 1
    }

    /// Ends the paragraph in progress: its lines trimmed of white space, empty lines at either end
    /// dropped, appended to the output after "\n\n" unless nothing is left.
    mutating func paragraphBreak() {
        pendingSpace = false
        guard !current.isEmpty else { return }
        let mark = output.count
        if hasParagraph { output.append(contentsOf: [0x0A, 0x0A]) }
        let start = output.count
        current.withUnsafeBufferPointer { paragraph in
            var emitted = false
            var lineStart = 0
            while lineStart <= paragraph.count {
                var lineEnd = lineStart
                while lineEnd < paragraph.count && paragraph[lineEnd] != 0x0A { lineEnd += 1 }
                let (from, to) = Self.trimmed(paragraph, lineStart, lineEnd)
                if emitted { output.append(0x0A) }
                if from < to {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: paragraph[from..<to]))
                    emitted = true
                }
                lineStart = lineEnd + 1
            }
        }
        while output.count > start && output.last == 0x0A { output.removeLast() }
        if output.count == start {
            output.removeSubrange(mark...)
        } else {
            hasParagraph = true
        }
        current.removeAll(keepingCapacity: true)
    }

    /// `bytes[from..<to]` without Unicode white space (`White_Space`) at either end, as `TextTrimming.trim`.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
        var from = from
        var to = to
        while from < to {
            let lead = bytes[from]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard isWhitespace(bytes, from, length) else { break }
            from += length
        }
        while to > from {
            var start = to - 1
            while start > from && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            guard isWhitespace(bytes, start, to - start) else { break }
            to = start
        }
        return (from, to)
    }

    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || (0x09...0x0D).contains(lead) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(bytes[index + k] & 0x3F) }
        return Unicode.Scalar(value)?.properties.isWhitespace ?? false
    }

    mutating func result() -> String {
        paragraphBreak()
        return String(decoding: output, as: UTF8.self)
    }

    /// Walks `node` and its following siblings.
    mutating func walk(_ first: xmlNodePtr?, depth: Int) {
        var current = first
        while let node = current {
            visit(node, depth: depth)
            current = node.pointee.next
        }
    }

    /// One node and its subtree.
    mutating func visit(_ node: xmlNodePtr, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { text(cString: content) }
        case XML_ELEMENT_NODE:
            let tag = HTMLTag(node)
            if tag.isTextDropped { return }
            if tag == .br {
                lineBreak()
                return
            }
            if tag == .td || tag == .th { if !self.current.isEmpty { pendingSpace = true } }
            let isBlock = tag.isTextBlock
            if isBlock { paragraphBreak() }
            if depth < Self.maxDepth { walk(node.pointee.children, depth: depth + 1) }
            if isBlock { paragraphBreak() }
            if tag == .img || tag == .td || tag == .th { if !self.current.isEmpty { pendingSpace = true } }
        default:
            break
        }
    }
}
