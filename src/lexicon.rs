//! The words that mark the parts of a comment section, one table per language.
//!
//! Scanners never hold a marker word as a literal: they read these tables, so
//! a new language is one more [`Language`] entry in [`LANGUAGES`]. Every word is
//! written in lowercase; matching folds ASCII and Latin-1 case.

/// The marker words of one language.
pub struct Language {
    /// The language's name, for documentation and diagnostics.
    pub name: &'static str,
    /// Verbs that end an author line: "NAME says:", "NAME sagt:".
    pub says: &'static [&'static str],
    /// Nouns after a count in a comment-section heading: "15 Responses", "12 Kommentare".
    pub count_nouns: &'static [&'static str],
    /// Number words that can stand for the count: "One response to …".
    pub number_words: &'static [(&'static str, u32)],
    /// Bare headings that open a comment section without a count: "Comments".
    pub section_headings: &'static [&'static str],
    /// Lines that open the comment form or otherwise end the comment list.
    pub form_starts: &'static [&'static str],
    /// Whole lines that are page furniture between comments: "Reply", "Like".
    pub noise: &'static [&'static str],
    /// Month names and their usual abbreviations, January first (index + 1 = month).
    pub months: &'static [&'static [&'static str]],
    /// Weekday names and abbreviations.
    pub weekdays: &'static [&'static str],
    /// Small words that join the pieces of a date: "at", "um", "de".
    pub date_joiners: &'static [&'static str],
    /// Words that join an author to a date on one line: "NAME on DATE".
    pub author_date_joiners: &'static [&'static str],
    /// Time units of a relative date, singular and plural: "days" in "12 days ago".
    pub time_units: &'static [&'static str],
    /// Words before the count of a relative date: German "vor 3 Tagen".
    pub ago_before: &'static [&'static str],
    /// Words after the unit of a relative date: "12 days ago".
    pub ago_after: &'static [&'static str],
    /// Openers of a footer author line printed after the body: "Posted by:".
    pub posted_by: &'static [&'static str],
    /// Words that open an article's byline under or above its title: "by", "posted on".
    pub bylines: &'static [&'static str],
    /// Words that open a reply by greeting the person it answers: "Hi Ann!",
    /// "Hallo Jonas,". Where a rendering keeps no nesting, a greeting that
    /// names an earlier comment's author makes the comment its reply.
    pub greetings: &'static [&'static str],
}

/// Every language the parser knows. Order matters only for speed.
pub static LANGUAGES: &[Language] = &[
    Language {
        name: "English",
        says: &["says", "said", "wrote", "writes", "commented", "replied"],
        count_nouns: &[
            "responses",
            "response",
            "comments",
            "comment",
            "replies",
            "reply",
            "thoughts on",
            "thought on",
            "trackbacks",
            "pingbacks",
            "reactions",
            "opinions",
        ],
        number_words: &[
            ("one", 1),
            ("two", 2),
            ("three", 3),
            ("four", 4),
            ("five", 5),
            ("six", 6),
            ("seven", 7),
            ("eight", 8),
            ("nine", 9),
            ("ten", 10),
            ("no", 0),
        ],
        section_headings: &[
            "comments",
            "responses",
            "discussion",
            "reader comments",
            "readers' comments",
            "what people are saying",
            "trackbacks",
            "pingbacks",
        ],
        form_starts: &[
            "leave a reply",
            "leave a comment",
            "post a comment",
            "add a comment",
            "add comment",
            "leave your comment",
            "write a comment",
            "comments are closed",
            "comments are closed.",
            "your email address will not be published",
            "post your comment",
            "reply to this post",
            "the comments to this entry are closed.",
            "comment form",
            "submit a comment",
            "verify your comment",
            "comments have been closed",
            "newer post",
            "older post",
            "newer posts",
            "older posts",
            "subscribe to: post comments (atom)",
            "join the discussion",
            "what do you think?",
            "speak your mind",
            "share your thoughts",
            "older comments",
            "« older comments",
            "newer comments",
            "newer comments »",
            "← older comments",
            "newer comments →",
            "name",
            "name (required)",
            "name *",
            "email (will not",
            "mail (will not",
            "e-mail (will not",
            "website (url)",
            "recent comments",
            "latest comments",
            "recent posts",
            "related posts",
            "you may also like",
            "click on a tab to select how you'd like to leave your comment",
            "click on a tab to select how you’d like to leave your comment",
        ],
        noise: &[
            "reply",
            "reply ↓",
            "↓ reply",
            "[reply]",
            "replydelete",
            "delete",
            "replies",
            "like",
            "like like",
            "likes",
            "report",
            "report comment",
            "edit",
            "quote",
            "permalink",
            "link",
            "log in to reply",
            "login to reply",
            "loading...",
            "loading…",
            "reply to this comment",
            "your comment is awaiting moderation.",
            "your comment is awaiting moderation",
            "flag",
            "share",
            "[img]",
            "top",
            "like this",
            "reblog",
            "↑",
            "reply with quote",
            "add reply",
            "reply link",
            "rate this:",
            "vote up",
            "vote down",
            "+1",
            "-1",
            "hide replies",
            "show replies",
            "load more...",
            "load more",
            "in reply to",
            "you can follow this conversation by subscribing to the comment feed for this post.",
            "tweet",
            "previous post",
            "next post",
        ],
        months: &[
            &["january", "jan"],
            &["february", "feb"],
            &["march", "mar"],
            &["april", "apr"],
            &["may"],
            &["june", "jun"],
            &["july", "jul"],
            &["august", "aug"],
            &["september", "sept", "sep"],
            &["october", "oct"],
            &["november", "nov"],
            &["december", "dec"],
        ],
        weekdays: &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
        ],
        date_joiners: &["at", "of", "the", "on", "@", "-", "|", "·", "–", "—"],
        author_date_joiners: &["on", "|", "-", "–", "—", "·", "@", "at"],
        time_units: &[
            "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
            "year", "years",
        ],
        ago_before: &[],
        ago_after: &["ago"],
        posted_by: &["posted by:", "posted by", "written by:", "comment by", "submitted by"],
        bylines: &["by", "posted on", "posted by", "written by", "published", "published on", "updated"],
        greetings: &["hi", "hello", "hey", "dear", "thanks", "thank you", "thanks so much"],
    },
    Language {
        name: "German",
        says: &["sagt", "schreibt", "meint", "schrieb", "kommentierte"],
        count_nouns: &[
            "kommentare",
            "kommentar",
            "antworten",
            "antwort",
            "gedanken zu",
            "reaktionen",
            "meinungen",
            "meinung zu",
            "kommentare zu",
        ],
        number_words: &[("ein", 1), ("eine", 1), ("einen", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5), ("keine", 0)],
        section_headings: &["kommentare", "reaktionen", "diskussion"],
        form_starts: &[
            "schreibe einen kommentar",
            "kommentar verfassen",
            "kommentar schreiben",
            "hinterlasse einen kommentar",
            "einen kommentar hinterlassen",
            "deine e-mail-adresse wird nicht veröffentlicht.",
            "ihre e-mail-adresse wird nicht veröffentlicht.",
            "antworten abbrechen",
            "kommentar veröffentlichen",
            "neuerer post",
            "älterer post",
            "kommentare sind geschlossen.",
            "kommentar hinzufügen",
            "kommentieren",
            "hier klicken, um die antwort abzubrechen.",
            "abonnieren kommentare zum post (atom)",
            "abonnieren: kommentare zum post (atom)",
            "die kommentarfunktion ist geschlossen.",
            "neueste kommentare",
            "letzte kommentare",
            "neueste beiträge",
            "ähnliche artikel",
            "ähnliche beiträge",
        ],
        noise: &[
            "antworten",
            "antwortenlöschen",
            "löschen",
            "gefällt mir",
            "melden",
            "bearbeiten",
            "zitieren",
            "zum antworten anmelden",
            "weitere laden...",
            "weitere laden…",
            "gefällt mir nicht",
            "teilen",
            "dein kommentar muss noch freigegeben werden.",
            "ihr kommentar muss noch freigegeben werden.",
        ],
        months: &[
            &["januar", "jänner", "jan"],
            &["februar", "feb"],
            &["märz", "mär", "mrz"],
            &["april", "apr"],
            &["mai"],
            &["juni", "jun"],
            &["juli", "jul"],
            &["august", "aug"],
            &["september", "sep", "sept"],
            &["oktober", "okt"],
            &["november", "nov"],
            &["dezember", "dez"],
        ],
        weekdays: &[
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
            "sonnabend",
            "mo",
            "di",
            "mi",
            "do",
            "fr",
            "sa",
            "so",
        ],
        date_joiners: &["um", "am", "uhr", "den"],
        author_date_joiners: &["am", "um"],
        time_units: &[
            "sekunde", "sekunden", "minute", "minuten", "stunde", "stunden", "tag", "tagen", "woche", "wochen", "monat", "monaten", "jahr",
            "jahren",
        ],
        ago_before: &["vor"],
        ago_after: &[],
        posted_by: &["geschrieben von:", "geschrieben von", "verfasst von"],
        bylines: &["von", "veröffentlicht am", "geschrieben am", "gepostet am", "posted on", "by"],
        greetings: &["hallo", "hi", "hey", "liebe", "lieber", "danke", "servus", "moin"],
    },
    Language {
        name: "Portuguese and Spanish",
        says: &["disse", "diz", "dice", "dijo", "escreveu", "escribió", "comentou", "comentó"],
        count_nouns: &[
            "comentários",
            "comentário",
            "comentarios",
            "comentario",
            "respostas",
            "resposta",
            "respuestas",
            "respuesta",
            "pensamentos sobre",
            "pensamientos sobre",
        ],
        number_words: &[("um", 1), ("uma", 1), ("un", 1), ("una", 1), ("uno", 1)],
        section_headings: &["comentários", "comentarios"],
        form_starts: &[
            "deixe um comentário",
            "deixe uma resposta",
            "deja un comentario",
            "deja una respuesta",
            "postar um comentário",
            "publicar un comentario",
            "o seu endereço de email não será publicado.",
            "tu dirección de correo electrónico no será publicada.",
            "cancelar resposta",
            "cancelar respuesta",
            "postagem mais recente",
            "postagem mais antiga",
            "comentários recentes",
            "comentarios recientes",
            "posts recentes",
            "entradas recientes",
        ],
        noise: &["responder", "excluir", "curtir", "me gusta", "eliminar", "responderexcluir"],
        months: &[
            &["janeiro", "enero", "jan", "ene"],
            &["fevereiro", "febrero", "fev", "feb"],
            &["março", "marzo", "mar"],
            &["abril", "abr"],
            &["maio", "mayo", "mai", "may"],
            &["junho", "junio", "jun"],
            &["julho", "julio", "jul"],
            &["agosto", "ago"],
            &["setembro", "septiembre", "set", "sep"],
            &["outubro", "octubre", "out", "oct"],
            &["novembro", "noviembre", "nov"],
            &["dezembro", "diciembre", "dez", "dic"],
        ],
        weekdays: &[
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
        ],
        date_joiners: &["de", "às", "as", "a", "las", "del", "en"],
        author_date_joiners: &["em", "en", "el"],
        time_units: &[
            "segundo", "segundos", "minuto", "minutos", "hora", "horas", "dia", "dias", "día", "días", "semana", "semanas", "mês", "meses",
            "mes", "ano", "anos", "año", "años",
        ],
        ago_before: &["há", "hace"],
        ago_after: &["atrás"],
        posted_by: &["postado por", "publicado por"],
        bylines: &["por", "publicado em", "publicado el", "postado em", "postado por"],
        greetings: &["olá", "oi", "hola", "querida", "querido", "obrigado", "obrigada", "gracias"],
    },
    Language {
        name: "French",
        says: &["dit", "a dit", "écrit", "a écrit"],
        count_nouns: &["commentaires", "commentaire", "réponses", "réponse", "réflexions sur"],
        number_words: &[("une", 1)],
        section_headings: &["commentaires"],
        form_starts: &[
            "laisser un commentaire",
            "laisser une réponse",
            "poster un commentaire",
            "votre adresse e-mail ne sera pas publiée.",
            "annuler la réponse",
            "commentaires récents",
            "articles récents",
        ],
        noise: &["répondre", "supprimer", "j'aime", "signaler"],
        months: &[
            &["janvier", "janv"],
            &["février", "févr"],
            &["mars"],
            &["avril", "avr"],
            &["mai"],
            &["juin"],
            &["juillet", "juil"],
            &["août"],
            &["septembre"],
            &["octobre"],
            &["novembre"],
            &["décembre", "déc"],
        ],
        weekdays: &["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        date_joiners: &["à", "le", "h"],
        author_date_joiners: &["le"],
        time_units: &[
            "seconde", "secondes", "minute", "minutes", "heure", "heures", "jour", "jours", "semaine", "semaines", "mois", "an", "ans",
            "année", "années",
        ],
        ago_before: &["il y a"],
        ago_after: &[],
        posted_by: &["posté par", "publié par"],
        bylines: &["par", "publié le", "posté le"],
        greetings: &["bonjour", "salut", "merci", "cher", "chère"],
    },
    Language {
        name: "Italian and Dutch",
        says: &["ha detto", "scrive", "zegt", "schreef", "schrijft"],
        count_nouns: &["commenti", "commento", "risposte", "reacties", "reactie"],
        number_words: &[],
        section_headings: &["commenti", "reacties"],
        form_starts: &[
            "lascia un commento",
            "lascia una risposta",
            "laat een reactie achter",
            "geef een reactie",
            "commenti recenti",
            "articoli recenti",
            "recente reacties",
        ],
        noise: &["rispondi", "antwoord", "beantwoorden"],
        months: &[
            &["gennaio", "januari"],
            &["febbraio", "februari"],
            &["marzo", "maart"],
            &["aprile"],
            &["maggio", "mei"],
            &["giugno", "juni"],
            &["luglio", "juli"],
            &["agosto", "augustus"],
            &["settembre"],
            &["ottobre", "oktober"],
            &["novembre"],
            &["dicembre"],
        ],
        weekdays: &[],
        date_joiners: &["alle", "om", "di"],
        author_date_joiners: &["op"],
        time_units: &[
            "secondo",
            "secondi",
            "minuto",
            "minuti",
            "ora",
            "ore",
            "giorno",
            "giorni",
            "settimana",
            "settimane",
            "mese",
            "mesi",
            "anno",
            "anni",
            "dag",
            "dagen",
            "week",
            "weken",
            "maand",
            "maanden",
            "jaar",
            "jaren",
            "uur",
            "minuten",
        ],
        ago_before: &[],
        ago_after: &["fa", "geleden"],
        posted_by: &["scritto da"],
        bylines: &["di", "da", "door", "geplaatst op", "pubblicato il"],
        greetings: &["ciao", "salve", "grazie", "caro", "cara", "hoi", "hallo", "beste", "dank"],
    },
];

/// Lowercases a short piece of text for table look-ups (full Unicode folding).
pub fn fold(s: &str) -> String {
    // ASCII text (nearly every line) folds byte by byte, which gives the same
    // string as the per-character path without walking `to_lowercase` iterators.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().flat_map(char::to_lowercase).collect()
}

/// True when some language lists `folded` (already lowercase) in the table `pick` selects.
pub fn any_lists(folded: &str, pick: impl Fn(&Language) -> &'static [&'static str]) -> bool {
    LANGUAGES.iter().any(|lang| pick(lang).contains(&folded))
}

/// The month number (1–12) of a lowercase month name or abbreviation, in any language.
pub fn month_number(folded: &str) -> Option<u32> {
    let word = folded.trim_end_matches('.');
    LANGUAGES.iter().find_map(|lang| lang.months.iter().position(|names| names.contains(&word)).map(|i| i as u32 + 1))
}

/// The value of a lowercase number word ("one", "eine"), in any language.
pub fn number_word(folded: &str) -> Option<u32> {
    LANGUAGES.iter().find_map(|lang| lang.number_words.iter().find(|(w, _)| *w == folded).map(|(_, n)| *n))
}

/// The words that open a link notice in a comment list ("Pingback: TITLE",
/// "Trackback: TITLE"), folded: another blog linked to the post. Pages count
/// them in the comment total but mark them up apart from the comments, and
/// they say nothing to the thread, so the parser keeps them as page text.
pub const LINK_NOTICES: &[&str] = &["pingback", "trackback"];

/// The words of Blogger's comment actions, as (reply, delete) pairs, one
/// per language of Blogger's interface, folded. Blogger's threaded comments
/// give a top-level comment both actions ("Reply" "Delete", which a
/// browser's copy glues into "ReplyDelete") but a reply only "Delete":
/// replies cannot be answered themselves. Where a rendering kept no nesting,
/// these lines are what is left of it.
pub const BLOGGER_ACTIONS: &[(&str, &str)] = &[
    ("reply", "delete"),
    ("antworten", "löschen"),
    ("responder", "excluir"),
    ("responder", "eliminar"),
    ("répondre", "supprimer"),
    ("rispondi", "elimina"),
    ("beantwoorden", "verwijderen"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_lowercase() {
        for lang in LANGUAGES {
            let tables = [
                lang.says,
                lang.count_nouns,
                lang.section_headings,
                lang.form_starts,
                lang.noise,
                lang.weekdays,
                lang.date_joiners,
                lang.author_date_joiners,
                lang.posted_by,
                lang.bylines,
                lang.time_units,
                lang.ago_before,
                lang.ago_after,
            ];
            for table in tables {
                for word in table {
                    assert_eq!(*word, fold(word), "{} lists {word:?}", lang.name);
                }
            }
        }
        for (reply, delete) in BLOGGER_ACTIONS {
            assert_eq!((*reply, *delete), (fold(reply).as_str(), fold(delete).as_str()));
        }
    }

    #[test]
    fn months_in_several_languages() {
        assert_eq!(month_number("dezember"), Some(12));
        assert_eq!(month_number("maio"), Some(5));
        assert_eq!(month_number("sept."), Some(9));
        assert_eq!(month_number("word"), None);
    }
}
