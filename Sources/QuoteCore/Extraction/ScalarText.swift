/// Strings made from runs of an article's scalars, the tokenizer's and the analysis' inner loop:
/// ASCII text is written as UTF-8 bytes straight into the new string (and lowercased on the way
/// when asked), the rest goes through the standard library's transcoding.
enum ScalarText {
    /// The scalars `s` as a string.
    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        make(s, lowercased: false)
    }

    /// The scalars `s` as a lowercased string (`String.lowercased()` for non-ASCII text).
    static func lowercased(_ s: ArraySlice<Unicode.Scalar>) -> String {
        make(s, lowercased: true)
    }

    private static func make(_ s: ArraySlice<Unicode.Scalar>, lowercased: Bool) -> String {
        guard s.allSatisfy({ $0.value < 0x80 }) else {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: s)
            return lowercased ? String(view).lowercased() : String(view)
        }
        return String(unsafeUninitializedCapacity: s.count) { buffer in
            var n = 0
            for scalar in s {
                var byte = UInt8(truncatingIfNeeded: scalar.value)
                if lowercased && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                buffer[n] = byte
                n += 1
            }
            return n
        }
    }
}
