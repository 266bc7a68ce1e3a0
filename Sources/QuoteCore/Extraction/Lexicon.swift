/// Closed word lists used by quote extraction and speaker attribution.
///
/// Everything here is general English news grammar (reporting verbs, titles, determiners), never
/// words taken from one article. All entries are lowercase; lookups lowercase the token first. The
/// lists are `WordSet`s: asked several times per token, they answer without `Hasher`.
enum Lexicon {
    /// Reporting verbs in all their forms ("say", "says", "said", "saying", ...).
    static let speechVerbs = WordSet({
        let regular = [
            "add", "warn", "insist", "state", "claim", "argue", "note", "explain", "stress", "emphasize",
            "emphasise", "declare", "announce", "acknowledge", "ask", "respond", "tweet", "post", "urge",
            "call", "describe", "dismiss", "deem", "reiterate", "affirm", "confirm", "suggest", "predict",
            "promise", "vow", "pledge", "concede", "recall", "remark", "observe", "continue", "conclude",
            "comment", "joke", "assert", "maintain", "contend", "allege", "caution", "complain", "lament",
            "boast", "recount", "reveal", "disclose", "report", "exclaim", "shout", "scream", "whisper",
            "mutter", "murmur", "answer", "agree", "disagree", "counter", "retort", "protest", "demand",
            "plead", "charge", "accuse", "criticize", "criticise", "condemn", "blast", "slam", "hail", "praise",
            "characterize", "characterise", "label", "mention", "highlight", "underline", "underscore", "signal",
            "hint", "indicate", "echo", "repeat", "cite", "interject", "inform", "assure", "reassure", "remind",
            "recommend", "propose", "threaten", "clarify", "summarize", "summarise", "posit", "opine", "muse",
            "wonder", "inquire", "enquire", "query", "question", "challenge", "grumble", "fume", "thunder",
            "bark", "growl", "gush", "enthuse", "marvel", "reflect", "reason", "exclaim", "return", "rejoin",
            "resume", "sigh", "laugh", "pronounce", "proclaim", "profess", "publish", "rule", "order", "plead",
            "joke", "answer", "shout", "yell", "roar", "explain", "elaborate", "insist", "recount", "testify",
            "announce", "tell", "scoff", "sneer", "stammer", "stutter", "gasp", "groan", "moan",
            // Evaluations that quote their words: "mocked the stadium as a “white elephant”".
            "chant", "mock", "chide", "decry", "denounce", "brand", "ridicule", "deride", "lambaste", "berate",
            "scold", "tout", "applaud", "blame", "liken", "compare", "defend", "interrupt",
            // Manner of saying: "“This is fantastic!” beamed Donald Hartley".
            "beam", "smile", "grin", "chuckle", "cheer", "wail", "sob", "bellow", "boom", "chirp", "snarl", "hiss",
        ]
        var forms = Set<String>()
        for base in regular {
            forms.insert(base)
            forms.insert(thirdPerson(base))
            forms.insert(past(base))
            forms.insert(gerund(base))
        }
        let irregular = [
            "say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes", "wrote",
            "written", "writing", "speak", "speaks", "spoke", "spoken", "speaking", "reply", "replies",
            "replied", "replying", "deny", "denies", "denied", "denying", "cry", "cries", "cried", "crying",
            "admit", "admits", "admitted", "admitting", "quip", "quips", "quipped", "quipping", "rebut",
            "rebuts", "rebutted", "testify", "testifies", "testified", "testifying", "specify", "specifies",
            "specified", "specifying", "read", "reads", "begin", "began", "begins", "snap", "snaps", "snapped",
            "put", "puts", "go", "went", "goes", "according", "refer", "refers", "referred", "referring",
        ]
        forms.formUnion(irregular)
        // Words whose regular forms collide with common non-speech uses next to quotes.
        forms.subtract(["returned", "returns", "return", "returning", "ordered", "order", "orders", "ruled",
                        "rule", "rules", "go", "goes", "went", "put", "puts", "reads", "begin", "begins",
                        "post", "posts", "report", "reports", "charge", "charges", "question", "questions",
                        "signal", "signals", "label", "labels", "reason", "reasons", "call", "calls",
                        "echo", "hail", "thunder", "bark", "comment", "comments", "answer", "answers",
                        "counter", "laugh", "sigh", "demand", "demands", "promise", "protest", "threaten",
                        // "the state director", "the state said": a noun far more often than a verb.
                        "state"])
        forms.formUnion(["returned", "calls", "call", "comments", "answers", "demands", "reports", "posts"])
        return forms
    }())

    private static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }

    private static func thirdPerson(_ v: String) -> String {
        if v.hasSuffix("y"), let p = v.dropLast().last, !isVowel(p) { return v.dropLast() + "ies" }
        for suf in ["s", "sh", "ch", "x", "z", "o"] where v.hasSuffix(suf) { return v + "es" }
        return v + "s"
    }

    private static func past(_ v: String) -> String {
        if v.hasSuffix("e") { return v + "d" }
        if v.hasSuffix("y"), let p = v.dropLast().last, !isVowel(p) { return v.dropLast() + "ied" }
        return doublesFinalConsonant(v) ? v + String(v.last!) + "ed" : v + "ed"
    }

    private static func gerund(_ v: String) -> String {
        if v.hasSuffix("ee") { return v + "ing" }
        if v.hasSuffix("e") { return v.dropLast() + "ing" }
        return doublesFinalConsonant(v) ? v + String(v.last!) + "ing" : v + "ing"
    }

    /// One syllable ending in a single vowel and a consonant: "slam" → "slammed", "grin" → "grinning".
    private static func doublesFinalConsonant(_ v: String) -> Bool {
        let letters = Array(v)
        guard letters.count >= 3, letters.filter(isVowel).count == 1, let last = letters.last, !isVowel(last),
              !"wxy".contains(last), isVowel(letters[letters.count - 2]) else { return false }
        return true
    }

    /// Titles, ranks, honorifics and office words stripped from the front of a name.
    static let titles: WordSet = [
        "president", "vice", "prime", "minister", "secretary", "general", "chancellor", "senator", "sen",
        "rep", "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "mr", "mrs",
        "ms", "miss", "mx", "dr", "prof", "professor", "judge", "justice", "chief", "executive", "ceo",
        "director", "chairman", "chairwoman", "chair", "chairperson", "speaker", "leader", "king", "queen",
        "prince", "princess", "pope", "cardinal", "archbishop", "bishop", "rev", "reverend", "lt", "col", "gen",
        "maj", "capt", "sgt", "adm", "admiral", "colonel", "captain", "lieutenant", "commander", "ambassador",
        "envoy", "spokesman", "spokeswoman", "spokesperson", "deputy", "foreign", "defense", "defence",
        "interior", "finance", "health", "treasury", "state", "attorney", "commissioner", "coach", "officer",
        "inspector", "superintendent", "detective", "sheriff", "councillor", "councilman", "councilwoman",
        "assemblyman", "assemblywoman", "affairs", "home", "trade", "energy", "economy", "education", "labor",
        "labour", "environment", "agriculture", "transport", "culture", "security", "national", "majority",
        "minority", "whip", "senate", "house", "secretary-general", "president-elect", "first", "lady",
        "crown", "sheikh", "emir", "sultan", "ayatollah", "premier", "founder", "co-founder", "sir", "dame",
        "lord", "baroness", "former", "acting", "interim", "senior", "junior", "special", "counsel", "economic",
        "military", "war", "immigration", "justice", "police", "fire", "opposition", "party", "union",
        "of", "for", "the", "and",
    ]

    /// The titles that name an office alone ("Speaker", "President"), unlike the words that only
    /// qualify one ("First", "Former", "Deputy").
    static let officeTitles: WordSet = [
        "president", "minister", "secretary", "chancellor", "senator", "representative", "congressman",
        "congresswoman", "governor", "mayor", "judge", "justice", "director", "chairman", "chairwoman", "chair",
        "chairperson", "speaker", "leader", "king", "queen", "prince", "princess", "pope", "cardinal", "archbishop",
        "bishop", "reverend", "admiral", "colonel", "captain", "lieutenant", "commander", "ambassador", "envoy",
        "spokesman", "spokeswoman", "spokesperson", "attorney", "commissioner", "coach", "officer", "inspector",
        "superintendent", "detective", "sheriff", "premier", "sheikh", "emir", "sultan", "ayatollah", "founder",
    ]

    /// Titles of courtesy that say nothing of a role ("Mr.", "Dr.", "Sir").
    static let honorifics: WordSet = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "reverend", "baroness",
    ]

    static let femaleTitles: WordSet = [
        "mrs", "ms", "miss", "lady", "queen", "princess", "congresswoman", "chairwoman", "spokeswoman",
        "councilwoman", "assemblywoman", "dame", "baroness",
    ]
    static let maleTitles: WordSet = [
        "mr", "king", "prince", "congressman", "chairman", "spokesman", "councilman", "assemblyman", "sir", "lord",
    ]

    /// Words that make a capitalized sequence an organisation rather than a person.
    static let orgWords: WordSet = [
        "inc", "corp", "co", "ltd", "llc", "plc", "group", "motors", "airlines", "bank", "times", "post",
        "journal", "news", "press", "agency", "ministry", "department", "council", "commission", "committee",
        "court", "house", "office", "party", "union", "university", "college", "school", "institute",
        "foundation", "association", "federation", "organization", "organisation", "fund", "reserve", "board",
        "authority", "service", "services", "police", "army", "navy", "forces", "force", "guard", "command",
        "parliament", "congress", "senate", "assembly", "government", "administration", "republic", "kingdom",
        "states", "nations", "alliance", "network", "center", "centre", "hospital", "church", "club", "team",
        "media", "company", "corporation", "holdings", "technologies", "systems", "labs", "partners",
        "capital", "international", "global", "watch", "kremlin", "pentagon", "reuters", "bloomberg",
        "cabinet", "palace", "embassy", "consulate", "mission", "coalition", "front", "movement", "bureau",
        "tribunal", "ministry", "secretariat", "directorate", "command", "airways", "railways", "university",
        // Companies by trade ("Northwind Energy", "Halcyon Foods", "Crescent Live"), outlets ("the Gulf
        // Coast Review"), laws and events ("the National Defense Authorization Act"): never a surname.
        "energy", "foods", "markets", "air", "live", "review", "industries", "enterprises", "solutions",
        "ventures", "studios", "entertainment", "productions", "communications", "insurance", "logistics",
        "shipping", "petroleum", "electric", "chemicals", "brands", "stores", "resources", "investments",
        "securities", "associates", "consulting", "robotics", "software", "networks", "digital", "broadcasting",
        "publishing", "pharmaceuticals", "gazette", "herald", "tribune", "chronicle", "courier", "magazine",
        "radio", "television", "development", "developments", "act", "amendment", "treaty", "accord",
        "initiative", "doctrine", "protocol", "summit", "conference", "forum", "festival", "prize", "award",
        "awards", "championship", "olympics", "league", "expo", "airport", "stadium", "arena",
    ]

    /// Places and institutions often used as speakers by metonymy ("Moscow said").
    static let places: WordSet = [
        "washington", "moscow", "beijing", "kyiv", "kiev", "london", "paris", "berlin", "brussels", "tokyo",
        "tehran", "jerusalem", "ankara", "delhi", "pyongyang", "seoul", "ottawa", "canberra", "rome", "madrid",
        "warsaw", "kremlin", "pentagon", "downing", "whitehall", "elysee", "élysée", "vatican", "taipei",
        "damascus", "cairo", "riyadh", "doha", "america", "russia", "ukraine", "china", "france", "germany",
        "britain", "uk", "us", "u.s", "usa", "eu", "un", "europe", "israel", "iran", "iraq", "syria", "india",
        "pakistan", "japan", "korea", "canada", "mexico", "brazil", "turkey", "italy", "spain", "poland",
        "hungary", "gaza", "crimea", "nato", "africa", "asia", "australia", "taiwan", "lebanon", "egypt",
        "qatar", "greece", "sweden", "finland", "norway", "denmark", "netherlands", "belgium", "austria",
        "switzerland", "ireland", "scotland", "wales", "england", "venezuela", "argentina", "colombia", "cuba",
        "afghanistan", "yemen", "jordan", "libya", "sudan", "ethiopia", "nigeria", "kenya", "vietnam",
        "indonesia", "philippines", "thailand", "malaysia", "singapore", "romania", "bulgaria", "serbia",
        "belarus", "georgia", "armenia", "azerbaijan", "kazakhstan", "hamas", "hezbollah", "congress",
        // US states (the two-word ones by their distinctive word).
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
        "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
        "hampshire", "jersey", "ohio", "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah",
        "vermont", "virginia", "wisconsin", "wyoming", "carolina", "dakota",
    ]

    /// News outlets and platforms that are quoted as speakers ("Politico reported"): never people.
    static let outlets: WordSet = [
        "politico", "reuters", "bloomberg", "breitbart", "axios", "cnn", "msnbc", "fox", "nbc", "abc", "cbs", "npr",
        "pbs", "bbc", "ap", "upi", "afp", "haaretz", "propublica", "vox", "slate", "salon", "buzzfeed", "huffpost",
        "newsweek", "forbes", "wikileaks", "twitter", "facebook", "instagram", "youtube", "google", "tass", "xinhua",
        "al-jazeera", "aljazeera", "telegraph", "guardian", "economist", "politifact", "gallup", "quinnipiac",
    ]

    static let nationalities: WordSet = [
        "american", "british", "french", "german", "russian", "ukrainian", "chinese", "european", "israeli",
        "palestinian", "iranian", "polish", "italian", "spanish", "japanese", "korean", "canadian", "indian",
        "turkish", "dutch", "swedish", "finnish", "norwegian", "danish", "belgian", "austrian", "swiss", "greek",
        "hungarian", "mexican", "brazilian", "australian", "irish", "scottish", "welsh", "english", "saudi",
        "syrian", "iraqi", "afghan", "pakistani", "egyptian", "qatari", "emirati", "african", "asian", "arab",
        "western", "eastern", "northern", "southern", "republican", "democratic", "democrat", "conservative",
        "liberal", "taiwanese", "lebanese", "venezuelan", "argentine", "cuban", "nigerian", "kenyan",
        "vietnamese", "indonesian", "filipino", "thai", "romanian", "serbian", "belarusian", "georgian",
        "latin", "muslim", "christian", "jewish", "catholic", "evangelical", "hispanic", "latino", "latina",
        "federal", "local", "regional", "top", "veteran", "longtime", "then", "new", "incoming", "outgoing",
    ]

    /// Capitalized words that are never part of a person's name (function words, days, months).
    static let stopCaps: WordSet = [
        "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "to", "of", "by", "with",
        "from", "as", "after", "before", "while", "when", "where", "why", "how", "what", "who", "which", "if",
        "but", "and", "or", "so", "yet", "although", "though", "because", "since", "despite", "during",
        "following", "according", "however", "instead", "meanwhile", "moreover", "furthermore", "also",
        "still", "then", "now", "today", "yesterday", "tomorrow", "last", "next", "it", "its", "he", "she",
        "they", "we", "i", "his", "her", "their", "our", "my", "your", "you", "there", "here", "some", "many",
        "most", "all", "both", "each", "every", "no", "not", "one", "two", "three", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "june", "july", "august", "september", "october", "november", "december", "chapter", "yes", "oh",
        "well", "even", "only", "just", "other", "such", "under", "over", "into", "about", "between", "among",
        "than", "until", "unless", "whether", "once", "again", "further", "thus", "hence", "indeed", "perhaps",
        "maybe", "asked", "speaking", "addressing", "looking", "sir", "madam", "god", "lord", "dear",
    ]

    static let particles: WordSet = [
        "de", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "del", "la", "le", "dos", "das", "ter",
        "ten", "ibn", "el", "y", "st",
    ]

    /// Head nouns of unnamed sources and institutions ("a NATO diplomat", "the court", "officials").
    static let sourceHeads: WordSet = [
        "official", "officials", "diplomat", "diplomats", "spokesperson", "spokespeople", "spokesman",
        "spokesmen", "spokeswoman", "spokeswomen", "source", "sources", "aide", "aides", "adviser", "advisers",
        "advisor", "advisors", "analyst", "analysts", "expert", "experts", "economist", "economists",
        "lawmaker", "lawmakers", "legislator", "legislators", "witness", "witnesses", "resident", "residents",
        "observer", "observers", "critic", "critics", "supporter", "supporters", "protester", "protesters",
        "activist", "activists", "researcher", "researchers", "scientist", "scientists", "doctor", "doctors",
        "investigator", "investigators", "prosecutor", "prosecutors", "lawyer", "lawyers", "attorney",
        "attorneys", "police", "authorities", "government", "ministry", "department", "agency", "court",
        "judge", "administration", "office", "commission", "committee", "council", "parliament", "company",
        "firm", "group", "organization", "organisation", "union", "party", "campaign", "embassy", "military",
        "army", "statement", "report", "study", "survey", "letter", "document", "filing", "representative",
        "representatives", "insider", "insiders", "person", "people", "officer", "officers", "commander",
        "commanders", "member", "members", "executive", "executives", "board", "bank", "regulator",
        "regulators", "watchdog", "minister", "ministers", "senator", "senators", "president", "leader",
        "leaders", "negotiator", "negotiators", "envoy", "envoys", "ambassador", "spokesperson", "teacher",
        "teachers", "student", "students", "parent", "parents", "worker", "workers", "employee", "employees",
        "victim", "victims", "farmer", "farmers", "voter", "voters", "manager", "managers", "owner", "owners",
        "founder", "chief", "head", "mayor", "governor", "coach", "player", "players", "fan", "fans", "team",
        "club", "ruling", "verdict", "release", "memo", "post", "website", "newspaper", "broadcaster",
        "operator", "manufacturer", "airline", "carrier", "hospital", "university", "school", "district",
        "city", "state", "county", "prosecution", "defence", "defense", "judges", "panel", "jury", "inquiry",
        // People by role or kin: "the captain said", "His mother interrupted" (a person when the
        // article gives someone the role, else an unnamed source).
        "captain", "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister", "widow",
        "director", "singer", "author", "writer", "novelist", "actor", "actress", "chairman", "chairwoman",
        "chair", "host", "moderator", "anchor", "reporter", "journalist", "editor", "engineer", "nurse",
        "pilot", "passenger", "driver", "candidate", "nominee", "challenger", "incumbent", "rival", "opponent",
        "defendant", "plaintiff", "suspect", "detective", "sheriff", "chancellor", "premier", "organiser",
        "organizer", "secretary", "treasurer", "commissioner", "superintendent", "principal", "headmaster",
        "headmistress", "professor", "historian", "biographer", "referee", "goalkeeper", "midfielder",
        "musician", "guitarist", "drummer", "artist", "poet", "filmmaker", "producer", "chef", "priest",
        "pastor", "bishop", "mechanic", "miner", "farmer", "teacher",
        // People by no role at all: "one woman said", "“No,” the man said", "said her visitor".
        "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "kid", "kids",
        "lady", "ladies", "gentleman", "gentlemen", "friend", "friends", "neighbor", "neighbors", "neighbour",
        "neighbours", "stranger", "strangers", "visitor", "visitors", "guest", "guests", "youth", "fellow",
        "colleague", "colleagues", "companion", "local", "locals", "customer", "customers", "shopper",
        "shoppers", "commuter", "commuters", "patient", "patients", "survivor", "survivors", "veteran", "veterans",
        // Documents and messages that say things: "the ad concludes that Trump is too “reckless”".
        "ad", "ads", "advertisement", "commercial", "poll", "polls", "editorial", "email", "emails", "tweet",
        "tweets", "message", "transcript", "petition", "lawsuit", "complaint", "indictment", "resolution",
        "platform", "announcement", "speech",
        // Institutions in the plural: "a joint statement from the agencies".
        "agencies", "departments", "ministries", "companies", "firms", "governments", "groups", "organizations",
        "organisations", "parties", "campaigns", "committees", "councils", "courts", "unions", "banks", "embassies",
        "hospitals", "universities", "schools", "authorities", "statements", "reports", "documents",
    ]

    static let pluralSources: WordSet = [
        "officials", "diplomats", "spokespeople", "sources", "aides", "advisers", "advisors", "analysts",
        "experts", "economists", "lawmakers", "legislators", "witnesses", "residents", "observers", "critics",
        "supporters", "protesters", "activists", "researchers", "scientists", "doctors", "investigators",
        "prosecutors", "lawyers", "attorneys", "police", "authorities", "people", "officers", "commanders",
        "members", "executives", "regulators", "ministers", "senators", "leaders", "negotiators", "envoys",
        "teachers", "students", "parents", "workers", "employees", "victims", "farmers", "voters", "managers",
        "owners", "players", "fans", "insiders", "representatives", "judges",
        "agencies", "departments", "ministries", "companies", "firms", "governments", "groups", "organizations",
        "organisations", "parties", "campaigns", "committees", "councils", "courts", "unions", "banks", "embassies",
        "hospitals", "universities", "schools", "statements", "reports", "documents",
        "men", "women", "boys", "girls", "children", "kids", "ladies", "gentlemen", "friends", "neighbors",
        "neighbours", "strangers", "visitors", "guests", "colleagues", "locals", "customers", "shoppers",
        "commuters", "patients", "survivors", "veterans",
    ]

    static let determiners: WordSet = [
        "a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "other", "another", "its",
        "his", "her", "their", "our", "both", "most", "few", "numerous", "multiple", "this", "that", "these",
        "those",
    ]

    static let prepositions: WordSet = [
        "of", "in", "to", "for", "by", "with", "from", "at", "on", "about", "against", "between", "among",
        "under", "over", "into", "toward", "towards", "than", "like", "through", "without", "within", "upon",
        "onto", "across", "behind", "beyond", "near", "after", "before", "during", "including", "via", "per",
        "unlike", "despite", "regarding", "concerning", "alongside", "amid", "outside", "inside", "around",
        "throughout", "beside", "besides", "beneath", "below", "above", "along",
    ]

    /// Auxiliaries and adverbs allowed between a speaker and the reporting verb ("he has also said").
    static let auxiliaries: WordSet = [
        "has", "have", "had", "was", "were", "is", "are", "would", "will", "could", "should", "might", "may",
        "can", "did", "does", "do", "also", "later", "then", "once", "previously", "earlier", "further",
        "again", "repeatedly", "recently", "publicly", "separately", "already", "never", "reportedly",
        "often", "always", "first", "last", "just", "still", "had", "been", "being", "not", "n't", "too",
        "himself", "herself", "themselves", "itself", "now", "yesterday", "today", "tonight",
    ]

    /// Modals and "to": before a reporting verb that an infinitive follows ("will continue to be"),
    /// the verb is not reporting speech.
    static let modalsAndTo: WordSet = ["will", "would", "could", "should", "might", "may", "can", "must", "to", "shall"]

    /// Words that open a subordinate clause: after a reporting verb and its tail, the attribution has ended.
    static let subordinators: WordSet = ["as", "when", "while", "before", "after", "because", "since", "although", "though", "whereas", "if"]

    /// Verbs that report a retort with "back" ("Hillary shot back, “…”").
    static let retortVerbs: WordSet = ["shot", "shoots", "shoot", "fired", "fires", "fire", "hit", "hits", "hitting", "firing", "shooting", "pushed", "pushes", "struck", "strikes"]

    static let malePronouns: WordSet = ["he", "his", "him", "himself"]
    static let femalePronouns: WordSet = ["she", "her", "hers", "herself"]

    /// The finite auxiliaries among ``auxiliaries``: a word they follow is a subject ("Texas has said").
    static let finiteAuxiliaries: WordSet = [
        "has", "have", "had", "was", "were", "is", "are", "would", "will", "could", "should", "might", "may",
        "can", "did", "does", "do",
    ]

    /// Words that may follow a reporting verb when the attribution closes the sentence.
    static let attributionTail: WordSet = [
        "on", "in", "at", "to", "during", "after", "before", "when", "while", "last", "this", "yesterday",
        "today", "tonight", "later", "earlier", "recently", "then", "again", "also", "according", "of",
        "about", "with", "as", "from", "via", "reporters", "journalists", "the", "a", "an", "his", "her",
        "their", "its", "told", "adding", "noting", "saying", "but", "and", "afterward", "afterwards",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "he", "she", "they",
        "it", "quietly", "firmly", "flatly", "simply", "bluntly", "angrily", "calmly", "softly", "slowly",
        "him", "them", "me", "us", "you", "back",
    ]

    /// Nouns naming a work; a capitalized quote right after one is a title.
    static let workNouns: WordSet = [
        "book", "books", "film", "films", "movie", "movies", "series", "novel", "novels", "report", "song",
        "songs", "album", "albums", "show", "shows", "documentary", "play", "poem", "article", "essay",
        "memoir", "podcast", "programme", "program", "opera", "musical", "painting", "exhibition",
        "exhibit", "column", "op-ed", "single", "track", "episode", "sitcom", "drama", "thriller", "comedy",
        "magazine", "newspaper", "paper", "study", "bill", "act", "campaign", "game", "title", "headline",
        "titled", "entitled", "manifesto", "speech", "lecture", "blog", "newsletter", "anthology", "collection",
        "biography", "autobiography", "trilogy", "franchise", "sequel", "video", "ballad", "hymn", "anthem",
        "hit", "hits", "tune", "record", "slogan",
    ]

    /// Words right before a quote that mark it as a term, not speech.
    static let scareCues: WordSet = [
        "so-called", "dubbed", "nicknamed", "term", "terms", "word", "words", "phrase", "label", "slogan",
        "motto", "hashtag", "moniker", "buzzword", "catchphrase", "nickname", "self-styled", "self-described",
        "alleged", "supposed", "quote-unquote", "termed", "christened", "branded",
    ]

    /// Words that open a sentence with an introductory phrase ending at the first comma.
    static let introWords: WordSet = [
        "in", "on", "at", "for", "after", "before", "while", "when", "as", "although", "though", "because",
        "since", "despite", "during", "following", "according", "however", "instead", "meanwhile", "moreover",
        "furthermore", "still", "then", "now", "today", "yesterday", "last", "next", "if", "unless", "once",
        "with", "without", "under", "amid", "by", "from", "to", "earlier", "later", "separately", "also",
        "but", "and", "so", "yet", "indeed", "speaking", "addressing", "looking", "asked", "writing",
        "responding", "of", "over", "through", "unlike", "like", "given", "in", "until", "whether", "where",
        "first", "second", "third", "finally", "lastly", "overall", "still", "again",
    ]

    /// Abbreviations that keep their period when tokenized.
    static let abbreviations: WordSet = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "maj", "adm",
        "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "aug", "sept", "sep", "oct",
        "nov", "dec", "no", "rev", "hon", "mt", "ft", "pres", "supt", "det", "insp", "cmdr", "messrs", "mx",
    ]

    static let nameSuffixes: WordSet = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]

    /// Subject pronouns that can speak a quote ("he said", "said she"), resolved against the context.
    /// A plural of a noun for people who do something ("strikers", "demonstrators", "residents",
    /// "participants", "attendees", "activists", "civilians").
    static func isAgentivePlural(_ word: String) -> Bool {
        guard word.count > 5, word.unicodeScalars.allSatisfy(QuoteMarkScanner.isLowercase) else { return false }
        return ["ers", "ors", "ists", "ants", "ents", "ians", "ees"].contains(where: word.hasSuffix)
            && !["others", "orders", "papers", "numbers", "matters", "letters", "powers", "centers", "quarters",
                 "headquarters", "borders", "waters", "offers", "members", "comments", "documents", "statements",
                 "elements", "moments", "payments", "arguments", "events", "percents", "agents", "accounts"].contains(word)
    }

    /// Words that follow "’s" when it stands for "is" or "has" ("Trump’s not", "She’s been"), never
    /// a possessed noun.
    static let afterContractedIs: WordSet = [
        "not", "been", "going", "gonna", "got", "gotten", "a", "an", "the", "so", "very", "also", "now", "still",
        "never", "just", "already", "likely", "done", "gone", "here", "there", "back", "no", "being", "really",
        "always", "clearly", "probably", "expected", "set", "due", "about", "leaving", "running", "telling",
    ]

    /// Reporting verbs that take an object rather than a speaker after a quote: "“…,” denounced her
    /// record" is no "“…,” said Jane Roe".
    static let objectVerbs = WordSet({
        let bases = ["call", "describe", "dismiss", "deem", "label", "characterize", "characterise", "brand", "denounce",
                     "decry", "mock", "criticize", "criticise", "condemn", "blast", "slam", "hail", "praise", "blame",
                     "liken", "compare", "applaud", "tout", "deride", "ridicule", "lambaste", "berate", "scold", "chide",
                     "accuse", "defend", "cite", "mention", "highlight", "underline", "underscore", "challenge", "inform",
                     "remind", "reassure", "dub", "quote"]
        var forms = Set<String>()
        for base in bases {
            forms.insert(base)
            forms.insert(thirdPerson(base))
            forms.insert(past(base))
        }
        return forms
    }())

    static let pronouns: WordSet = ["he", "she", "they", "it", "i", "we"]

    /// Negations: between a speaker and the verb they cancel the attribution ("X did not respond");
    /// right after the verb they make it more than a bare attribution ("said not to …").
    static let negations: WordSet = ["not", "never", "n't", "no", "neither", "nor"]
}
