@main
struct QuoteWatch {
    static func main() {}
}
