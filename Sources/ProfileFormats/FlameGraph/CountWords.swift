/// The word a flame graph counts in, by number: `1 goroutine`, `2 goroutines`.
/// The files carry the plural (`--countname samples`, as flamegraph.pl
/// takes it); a count of one gets the singular, and reading a title turns
/// it back.
enum CountWords {
    /// `goroutines` → `goroutine`, `misses` → `miss`, `bytes` → `byte`;
    /// a word not ending in `s` stays.
    static func singular(_ plural: String) -> String {
        for ending in ["sses", "shes", "ches", "xes"] where plural.hasSuffix(ending) { return String(plural.dropLast(2)) }
        if plural.hasSuffix("s") && !plural.hasSuffix("ss") && plural.count > 1 { return String(plural.dropLast()) }
        return plural
    }

    /// The plural of a word ``singular(_:)`` made, or of one already plural.
    static func plural(_ word: String) -> String {
        if word.hasSuffix("ss") || word.hasSuffix("sh") || word.hasSuffix("ch") || word.hasSuffix("x") { return word + "es" }
        return word.hasSuffix("s") || word.isEmpty ? word : word + "s"
    }

    /// `count word`, the word singular when `count` is one.
    static func counted(_ word: String, _ count: Int64) -> String {
        count == 1 ? singular(word) : word
    }
}
