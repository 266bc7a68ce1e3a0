/// Strings made from runs of an article's scalars, the tokenizer's and the analysis' inner loop:
/// the scalars are written as UTF-8 straight into the new string (which is what the standard
/// library's transcoding would make of them). Lowercasing lowers ASCII on the way and keeps the
/// General Punctuation marks (’ – — …, which have no case); a run with any other non-ASCII scalar
/// is lowercased by `String.lowercased()`.
enum ScalarText {
    /// The scalars of `text`, as `Array(text.unicodeScalars)` gives them, decoded from its UTF-8 in
    /// one pass into an array sized once (the standard library's copy counts the scalars first).
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { utf8 in
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                // A String's UTF-8 is valid: each lead byte says how many continuation bytes follow.
                var i = 0
                var n = 0
                let end = utf8.count
                while i < end {
                    let lead = UInt32(utf8[i])
                    var value: UInt32
                    if lead < 0x80 {
                        value = lead
                        i += 1
                    } else if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        value = (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                            | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    buffer[n] = Unicode.Scalar(value).unsafelyUnwrapped
                    n += 1
                }
                count = n
            }
        }
    }

    /// The scalars `s` as a string.
    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        make(s, lowercased: false)
    }

    /// The scalars `s` as a lowercased string (`String.lowercased()` for non-ASCII text).
    static func lowercased(_ s: ArraySlice<Unicode.Scalar>) -> String {
        make(s, lowercased: true)
    }

    /// Whether `scalar` is a character of its own whatever surrounds it, equal to no other
    /// character: below U+0300 (where the combining marks start) but a carriage return (which
    /// joins a line feed), or General Punctuation U+2010–U+2027. Text made only of these can be
    /// split and counted by scalars where the code otherwise counts `Character`s.
    /// (Checked on every pair of them against `String.count`.)
    @inline(__always)
    static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x300 && value != 0x0D) || isCaseless(value)
    }

    /// Whether lowercasing leaves `scalar` as it is without asking the Unicode tables: the General
    /// Punctuation block U+2010–U+2027 (dashes, quotation marks, bullets, the ellipsis).
    @inline(__always)
    private static func isCaseless(_ value: UInt32) -> Bool {
        value >= 0x2010 && value <= 0x2027
    }

    private static func make(_ s: ArraySlice<Unicode.Scalar>, lowercased: Bool) -> String {
        var bytes = 0
        for scalar in s {
            let value = scalar.value
            if value < 0x80 {
                bytes += 1
            } else {
                if lowercased && !isCaseless(value) {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: s)
                    return String(view).lowercased()
                }
                bytes += value < 0x800 ? 2 : (value < 0x10000 ? 3 : 4)
            }
        }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var n = 0
            for scalar in s {
                let value = scalar.value
                if value < 0x80 {
                    var byte = UInt8(truncatingIfNeeded: value)
                    if lowercased && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    buffer[n] = byte
                    n += 1
                } else {
                    for byte in UTF8.encode(scalar)! {
                        buffer[n] = byte
                        n += 1
                    }
                }
            }
            return n
        }
    }

    /// `text.contains(" ")`: whether a character of `text` is a space. When every scalar is a
    /// character of its own (`isOwnCharacter`), that is a U+0020 scalar; else `Character`s decide
    /// (" \u{301}" is no space).
    static func containsSpace(_ text: String) -> Bool {
        var space = false
        for scalar in text.unicodeScalars {
            guard isOwnCharacter(scalar) else { return text.contains(" ") }
            if scalar == " " { space = true }
        }
        return space
    }
}
