import Stats

/// Generates prompts of a target length in tokens from common one-token English words.
enum SyntheticText {
    /// Short, frequent words that every mainstream BPE tokenizer encodes as one token with a leading space.
    static let vocabulary = [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he",
        "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
        "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when", "will", "would", "who", "so", "no",
        "time", "people", "year", "way", "day", "man", "thing", "woman", "life", "child", "world", "school", "state",
        "family", "student", "group", "country", "problem", "hand", "part", "place", "case", "week", "company", "system",
        "program", "question", "work", "number", "night", "point", "home", "water", "room", "mother", "area", "money",
        "story", "fact", "month", "lot", "right", "study", "book", "eye", "job", "word", "business", "issue", "side",
    ]

    /// A prompt of about `words` tokens; `variant` makes prompts differ from their first word on,
    /// so that server-side prefix caches do not flatter the measurement.
    static func prompt(words: Int, variant: Int, random: inout SeededGenerator) -> String {
        var text = "\(variant)"
        text.reserveCapacity(words * 6)
        for _ in 1..<max(words, 1) {
            text += " "
            text += vocabulary[Int(random.next() % UInt64(vocabulary.count))]
        }
        return text
    }
}
