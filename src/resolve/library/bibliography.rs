//! The grammar of one entry of a printed bibliography.
//!
//! A bibliography entry says what a full note says, in another order:
//!
//! | style | entry | read as the note |
//! |---|---|---|
//! | Chicago book | `Marsh, Anna, and Tom Bell. Lost Rivers. Vol. 2. London: Fern, 2001.` | `Anna Marsh and Tom Bell, Lost Rivers, vol. 2 (London: Fern, 2001).` |
//! | Chicago article | `Marsh, Anna. “River Gods.” Water 3, no. 1 (1994): 5–10.` | `Anna Marsh, “River Gods,” Water 3, no. 1 (1994): 5–10.` |
//! | Chicago chapter | `Marsh, Anna. “Gods.” In The Book, edited by Tom Bell, 12–30. Oxford: Reed, 1999.` | `Anna Marsh, “Gods,” in The Book, edited by Tom Bell (Oxford: Reed, 1999), 12–30.` |
//! | GOST | `Иванов И. И. Заглавие. М.: Наука, 1999. 300 с.` | (a GOST note already has this shape) |
//! | archival holdings | `RGASPI, f. 17, op. 3.` | (the archival grammar) |
//!
//! A Chicago entry is rewritten into the note's order and read by the note
//! grammars ([`crate::parse`]), so an entry and a note of one work give one
//! record. An entry's pages (of an article or chapter) are the item's
//! `page`. `———.` (or `---.`) opening an entry repeats the names of the
//! entry before it.

use crate::model::{Form, Item, ItemType};
use crate::parse::names::{is_body, is_east_asian_surname, is_initials};
use nom::{
    bytes::complete::{tag, take_till1, take_while1},
    character::complete::{char, space0, space1},
    combinator::{opt, recognize},
    sequence::{terminated, tuple},
    IResult,
};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words whose period does not end a part of an entry.
fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::text::data_lines(include_str!("../../../data/bibliography-abbreviations.txt"))
            .map(str::to_lowercase)
            .collect()
    })
}

/// True when the period at byte `dot` of `s` ends a part of the entry: it
/// follows a word that is no initial, no listed abbreviation and holds no
/// period of its own, and a space follows it.
fn ends_part(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let after = &s[dot + 1..];
    if !after.starts_with(' ') && !after.is_empty() {
        return false;
    }
    if word.is_empty() {
        return false;
    }
    // "Popkov, V.D. Title": initials run together end the names too.
    if is_initials(&format!("{word}.")) {
        // "Marsh, Anna M. Lost Rivers", "Marsh, Anna M. “Gods.”": the last
        // initial of names printed family first ends them.
        let inverted = before.contains(", ") && !before.contains(['“', '"']);
        let next = after.trim_start();
        let next_word = next.split_whitespace().next().unwrap_or("");
        let letter = next_word.trim_end_matches([',', '.']);
        let next_is_initial = letter.chars().count() == 1 && letter.starts_with(char::is_uppercase);
        // Only in the given names of the first person, who is printed
        // family first: "Marsh, A. B., and C. D. Bell" reads on.
        let first_comma = before.find(", ").unwrap_or(0);
        let in_first_name =
            !before[first_comma + 2..].contains(',') && !before[..first_comma].contains(". ");
        // "Marsh, G. Anna. Lost Rivers": a first initial before a given
        // name ends nothing.
        let first_given = before
            .get(first_comma + 2..word_start)
            .is_some_and(|g| g.trim().is_empty());
        let given_follows = next_word.ends_with('.')
            && letter.chars().count() > 1
            && letter.starts_with(char::is_uppercase)
            && letter.chars().skip(1).all(char::is_lowercase);
        if first_given && given_follows {
            return false;
        }
        return inverted && in_first_name && !next_is_initial && !next.starts_with(',');
    }
    if word.contains('.') {
        return false;
    }
    // "Marsh, Anna, ed. Lost Rivers": a role after the names ends them.
    if before[..word_start].ends_with(", ") && role(word).is_ok_and(|(r, _)| r.is_empty()) {
        return true;
    }
    !abbreviations().contains(&word.to_lowercase())
}

/// The entry cut at the periods that end its parts (each part without its
/// period, trimmed).
fn parts(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '.' if !quoted && ends_part(s, i) => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let tail = s[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// `Place: Publisher, 1999` or `1999`: an imprint, the end of a book entry.
fn is_imprint(part: &str) -> bool {
    let has_year = part
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4);
    let t = part.trim();
    // "Publisher, 2024" with no place ends the entry too.
    let publisher_year = t.len() > 6
        && t.is_char_boundary(t.len() - 6)
        && t[t.len() - 6..].starts_with(", ")
        && t[t.len() - 4..].chars().all(|c| c.is_ascii_digit());
    has_year && (t.contains(':') || t.chars().all(|c| c.is_ascii_digit()) || publisher_year)
}

/// A role printed after the names ("ed.", "eds.", "trans.", "comp.").
fn role(s: &str) -> IResult<&str, &str> {
    recognize(tuple((
        nom::branch::alt((
            tag("eds"),
            tag("ed"),
            tag("trans"),
            tag("comps"),
            tag("comp"),
        )),
        opt(char('.')),
    )))(s)
}

/// Names printed as in a bibliography ("Marsh, Anna, Tom Bell, and Ed
/// Stone"; "Marsh, Anna, ed.") in a note's order ("Anna Marsh, Tom Bell,
/// and Ed Stone"; "Anna Marsh, ed."). `None` when the text is not such a
/// list.
fn names_in_note_order(s: &str) -> Option<String> {
    let (s, role) = match s.rsplit_once(", ") {
        Some((head, last)) if role(last).is_ok_and(|(rest, _)| rest.is_empty()) => {
            (head, Some(last))
        }
        _ => (s, None),
    };
    let pieces: Vec<&str> = s.split(", ").map(str::trim).collect();
    let mut names: Vec<String> = Vec::new();
    if pieces.len() >= 2 && !pieces[1].starts_with("and ") {
        let first: IResult<&str, &str> = take_till1(|c: char| c == ',')(pieces[0]);
        first.ok()?;
        names.push(format!("{} {}", pieces[1], pieces[0]));
        for p in &pieces[2..] {
            let p = p.strip_prefix("and ").unwrap_or(p);
            if matches!(p, "Jr." | "Sr." | "II" | "III" | "IV") {
                if let Some(last) = names.last_mut() {
                    last.push_str(", ");
                    last.push_str(p);
                }
                continue;
            }
            names.push(p.to_string());
        }
    } else {
        // "Chen Jian", a body, or "Chen Jian and Tom Bell": printed as is.
        names.push(pieces.join(", "));
    }
    let mut out = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!(
            "{}, and {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
    };
    if let Some(r) = role {
        out.push_str(", ");
        out.push_str(r);
        if !r.ends_with('.') {
            out.push('.');
        }
    }
    Some(out)
}

/// True when a first part with no comma names its author (an East Asian
/// name printed family first, or a body) rather than being the title.
fn uninverted_names(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if is_body(part) && words.len() <= 8 {
        return true;
    }
    (2..=3).contains(&words.len())
        && is_east_asian_surname(words[0])
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// A quoted title at the start of `s`: the title (its closing period or
/// comma dropped) and the rest after the closing quote.
fn quoted_title(s: &str) -> IResult<&str, &str> {
    let (rest, (_, title, _)) = tuple((
        nom::branch::alt((char('“'), char('"'))),
        take_while1(|c: char| c != '”' && c != '"'),
        nom::branch::alt((char('”'), char('"'))),
    ))(s)?;
    let (rest, _) = space0(rest)?;
    Ok((rest, title.trim().trim_end_matches(['.', ','])))
}

/// A translated title in brackets or parentheses at the start of `s`
/// ("[The Quiet Rivers]. Water ..."): the translation and the rest.
fn translation(s: &str) -> Option<(&str, &str)> {
    let close = match s.chars().next()? {
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let end = s.find(close)?;
    Some((&s[1..end], &s[end + 1..]))
}

/// "In Book, edited by X, 12–30" without its imprint: (container, pages).
fn chapter_host(s: &str) -> (&str, Option<&str>) {
    let pages: IResult<&str, &str> = terminated(
        recognize(tuple((
            take_while1(|c: char| c.is_ascii_digit()),
            opt(tuple((
                nom::branch::alt((char('–'), char('-'), char('—'))),
                take_while1(|c: char| c.is_ascii_digit()),
            ))),
        ))),
        nom::combinator::eof,
    )(s.rsplit_once(", ").map_or("", |(_, p)| p));
    match (pages, s.rsplit_once(", ")) {
        (Ok((_, p)), Some((host, _))) => (host, Some(p)),
        _ => (s, None),
    }
}

/// A Chicago bibliography entry rewritten as the full note of the same
/// work, or `None` when the entry does not have that shape.
pub fn chicago_entry_as_note(entry: &str) -> Option<String> {
    let entry = entry.trim().trim_end_matches('.');
    let all = parts(entry);
    let first = *all.first()?;
    // An entry opening with a quoted title names no author.
    let titled_first = first.starts_with(['“', '"']);
    let (names, body_start) = if !titled_first && (first.contains(", ") || uninverted_names(first))
    {
        // A last initial keeps its period ("Marsh, Anna M.").
        let mut names = names_in_note_order(first)?;
        let last = first.rsplit(' ').next().unwrap_or("");
        if last.chars().count() == 1 && last.starts_with(char::is_uppercase) {
            // ("Marsh, A.": the initial opens the names in a note's order.)
            names = format!(" {names}")
                .replacen(&format!(" {last} "), &format!(" {last}. "), 1)
                .trim_start()
                .to_string();
        }
        (names, entry.find(first)? + first.len())
    } else {
        (String::new(), 0)
    };
    let body = entry[body_start..].trim_start_matches('.').trim_start();
    let lead = if names.is_empty() {
        String::new()
    } else {
        format!("{names}, ")
    };
    if let Ok((after, title)) = quoted_title(body) {
        let after = after.trim_start_matches(['.', ',']).trim();
        // “Title” [Translated title]. Journal ...
        let (title, after) = match translation(after) {
            Some((translated, rest)) => (
                format!("{title}” [{translated}],"),
                rest.trim_start_matches(['.', ',']).trim(),
            ),
            None => (format!("{title},”"), after),
        };
        let title = title.as_str();
        if let Some(host) = after.strip_prefix("In ") {
            let host_parts = parts(host);
            let (imprint, host) = match host_parts.last() {
                Some(last) if host_parts.len() > 1 && is_imprint(last) => (
                    Some(*last),
                    host[..host.rfind(last)?].trim().trim_end_matches('.'),
                ),
                _ => (None, host),
            };
            let (host, pages) = chapter_host(host);
            let mut note = format!("{lead}“{title} in {host}");
            if let Some(i) = imprint {
                note.push_str(&format!(" ({i})"));
            }
            if let Some(p) = pages {
                note.push_str(&format!(", {p}"));
            }
            return Some(note + ".");
        }
        if after.contains("diss") || after.contains("thesis") || after.contains("Thesis") {
            let title = title.trim_end_matches(",”").trim_end_matches('”');
            return Some(format!("{lead}“{title}” ({after})."));
        }
        return Some(format!("{lead}“{title} {after}."));
    }
    let body_parts = parts(body);
    // The imprint runs from the last part with a colon ("Seoul: Eulyoo
    // Pub. Co., 1991") to the end, when the end has a year.
    let imprint_at = body_parts
        .iter()
        .rposition(|p| p.contains(": "))
        .filter(|&k| k > 0 && is_imprint(&body_parts[k..].join(". ")))
        .or_else(|| {
            let k = body_parts.len().checked_sub(1)?;
            (k > 0 && is_imprint(body_parts[k])).then_some(k)
        });
    let (title, middle, imprint) = match imprint_at {
        Some(k) => (
            body_parts[0],
            &body_parts[1..k],
            Some(body_parts[k..].join(". ")),
        ),
        None => (*body_parts.first()?, &body_parts[1..], None),
    };
    let mut note = format!("{lead}{title}");
    let mut volume = None;
    for m in middle {
        if let Some(v) = m.strip_prefix("Vol. ") {
            // After the imprint, where the note grammar reads a volume.
            volume = Some(v);
            continue;
        }
        let m = m
            .replacen("Edited by ", "ed. ", 1)
            .replacen("Translated by ", "trans. ", 1)
            .replacen("Translated and edited by ", "trans. and ed. ", 1);
        note.push_str(", ");
        note.push_str(&m);
    }
    if let Some(i) = imprint {
        note.push_str(&format!(" ({i})"));
    }
    if let Some(v) = volume {
        note.push_str(&format!(", vol. {v}"));
    }
    Some(note + ".")
}

/// The names an entry opens with, when the next entry repeats them with
/// `———.`: the text up to the end of the first part.
pub fn leading_names(entry: &str) -> Option<&str> {
    let first = *parts(entry.trim()).first()?;
    (first.contains(", ") || uninverted_names(first)).then_some(first)
}

/// `———.`, `---.` or `——,`: the mark of an entry repeating the names of
/// the one before. Returns the rest of the entry.
pub fn repeated_names(entry: &str) -> Option<&str> {
    let dashes: IResult<&str, &str> =
        take_while1(|c: char| matches!(c, '—' | '-' | '_' | '–'))(entry.trim_start());
    let (rest, d) = dashes.ok()?;
    if d.chars().count() < 2 {
        return None;
    }
    let (rest, _) = nom::branch::alt((char::<&str, ()>('.'), char(',')))(rest).ok()?;
    let (rest, _) = space1::<&str, ()>(rest).ok()?;
    Some(rest)
}

/// The first full citation read from a text by the note grammars, with its
/// pages (of an article or chapter) as the item's `page`. Text that no
/// grammar reads gives `None`.
fn read_as_note(text: &str) -> Option<Item> {
    let segments = crate::split::split_note(text, &crate::parse::Boundaries);
    let parsed = crate::parse::parse_note(text, &segments, &mut |_, _| {});
    let p = parsed.into_iter().find(|p| p.citation.form == Form::Full)?;
    let mut item = p.citation.item;
    let read = item.title.is_some()
        || item.container_title.is_some()
        || item.archive.is_some()
        || item.archive_location.is_some();
    if !read {
        return None;
    }
    if let Some(l) = p.citation.locator {
        let part = matches!(
            item.kind,
            ItemType::ArticleJournal
                | ItemType::ArticleMagazine
                | ItemType::ArticleNewspaper
                | ItemType::Chapter
                | ItemType::PaperConference
        );
        if part && item.page.is_none() && l.label == crate::model::LocatorLabel::Page {
            item.page = Some(l.value);
        }
    }
    Some(item)
}

/// Reads one bibliography entry: a Chicago entry in the note's order, else
/// the entry as printed (GOST, archival holdings). `None` when no grammar
/// reads it.
pub fn parse_entry(entry: &str) -> Option<Item> {
    let entry = entry.trim();
    if entry.is_empty() {
        return None;
    }
    let as_printed = read_as_note(entry);
    // Archival holdings read as printed (an entry opening with a quoted
    // title is none).
    if !entry.starts_with(['“', '"'])
        && as_printed
            .as_ref()
            .is_some_and(|i| i.custom.fond.is_some() || i.archive_location.is_some())
    {
        return as_printed;
    }
    if !crate::parse::gost::is_russian(entry) {
        if let Some(mut item) = chicago_entry_as_note(entry).and_then(|n| read_as_note(&n)) {
            keep_inverted_name(entry, &mut item);
            keep_printed_title(entry, &mut item);
            return Some(item);
        }
    }
    as_printed
}

/// What an entry no grammar reads still says by its Chicago shape: the
/// first person's names as printed ("Family, Given.") and the title (the
/// next part, its quotation marks removed), as an untyped `document`.
/// `None` when the entry does not open with such names and a title.
pub fn names_and_title(entry: &str) -> Option<Item> {
    let entry = entry.trim().trim_end_matches('.');
    let names = leading_names(entry)?;
    let (family, given) = names.split_once(", ")?;
    let given = given.split(", ").next().unwrap_or(given).trim();
    let person = |s: &str| {
        !s.is_empty()
            && !is_body(s)
            && s.split_whitespace().count() <= 3
            && s.starts_with(char::is_uppercase)
    };
    if !person(family) || !person(given) || role(given).is_ok_and(|(rest, _)| rest.is_empty()) {
        return None;
    }
    let all = parts(entry);
    let title = all
        .get(1)?
        .trim_start_matches(['“', '"'])
        .trim_end_matches(['”', '"', ',', '.'])
        .trim();
    if title.split_whitespace().count() < 2 {
        return None;
    }
    let initial = given
        .rsplit(' ')
        .next()
        .is_some_and(|w| !w.ends_with('.') && is_initials(&format!("{w}.")));
    let given = if initial {
        format!("{given}.")
    } else {
        given.to_string()
    };
    Some(Item {
        kind: ItemType::Document,
        author: vec![crate::model::Name::person(family, Some(given))],
        title: Some(title.to_string()),
        ..Item::default()
    })
}

/// The title as the entry prints it, when the note grammar kept only its
/// end: a title with a comma ("Forever, Until It Ended") is one part of the
/// entry, where a note's commas could cut it.
fn keep_printed_title(entry: &str, item: &mut Item) {
    let Some(title) = item.title.as_deref() else {
        return;
    };
    let entry = entry.trim().trim_end_matches('.');
    let names = leading_names(entry);
    for part in parts(entry) {
        if Some(part) == names {
            continue;
        }
        // Without its quotation marks and a translation after it.
        let printed = part.trim_start_matches(['“', '"']);
        let printed = match printed.find(['”', '"']) {
            Some(end) => &printed[..end],
            None => printed.split(" [").next().unwrap_or(printed),
        };
        let printed = printed.trim().trim_end_matches([',', '.']);
        if printed.len() > title.len()
            && printed.ends_with(title)
            && printed[..printed.len() - title.len()].ends_with(", ")
        {
            // What the grammar took for names before the cut is title.
            let head = &printed[..printed.len() - title.len()];
            item.author.retain(|n| {
                n.family
                    .as_deref()
                    .or(n.literal.as_deref())
                    .is_none_or(|f| !head.contains(f))
            });
            item.title = Some(printed.to_string());
            return;
        }
    }
}

/// An entry printing its first person family name first ("Park, Mun Su.")
/// says which name is the family's: the item's first name takes it as
/// printed, whatever the note grammar made of the name in a note's order.
fn keep_inverted_name(entry: &str, item: &mut Item) {
    let Some(first) = parts(entry.trim()).first().copied() else {
        return;
    };
    if first.starts_with(['“', '"']) {
        return;
    }
    let pieces: Vec<&str> = first.split(", ").map(str::trim).collect();
    let [family, given, ..] = pieces[..] else {
        return;
    };
    let names = if item.author.is_empty() {
        &mut item.editor
    } else {
        &mut item.author
    };
    // "Editing Office, Party Central Committee": a body and its parent,
    // which a note prints as the entry does.
    if is_body(family) {
        let whole = match role(pieces[pieces.len() - 1]) {
            Ok(("", _)) => pieces[..pieces.len() - 1].join(", "),
            _ => first.to_string(),
        };
        if let Some(name) = names.first_mut().filter(|n| n.literal.is_some()) {
            name.literal = Some(whole);
        }
        return;
    }
    let one_person = |s: &str| {
        !s.is_empty()
            && !s.starts_with("and ")
            && !is_body(s)
            && role(s).map_or(true, |(rest, _)| !rest.is_empty())
            && s.split_whitespace().count() <= 3
    };
    if !one_person(family) || !one_person(given) {
        return;
    }
    if let Some(name) = names.first_mut().filter(|n| n.literal.is_none()) {
        name.family = Some(family.to_string());
        // A last initial lost its period to the end of the part.
        let initial = given
            .rsplit(' ')
            .next()
            .is_some_and(|w| !w.ends_with('.') && is_initials(&format!("{w}.")));
        let dot = if initial { "." } else { "" };
        name.given = Some(format!("{given}{dot}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chicago_entries_read_as_notes() {
        let cases = [
            (
                "Marsh, Anna, Tom Bell, and Ed Stone. Lost Rivers of the North: A History. London: Fern Books, 2001.",
                "Anna Marsh, Tom Bell, and Ed Stone, Lost Rivers of the North: A History (London: Fern Books, 2001).",
            ),
            (
                "Marsh, Anna, and Tom Bell. “River Gods.” Water Studies 3, no. 1 (1994): 5–10.",
                "Anna Marsh and Tom Bell, “River Gods,” Water Studies 3, no. 1 (1994): 5–10.",
            ),
            (
                "Marsh, Anna. “Gods of Rivers.” In The Water Book, edited by Tom Bell, 12–30. Oxford: Reed, 1999.",
                "Anna Marsh, “Gods of Rivers,” in The Water Book, edited by Tom Bell (Oxford: Reed, 1999), 12–30.",
            ),
            (
                "Marsh, Anna, ed. Lost Rivers. Vol. 2. London: Fern Books, 2001.",
                "Anna Marsh, ed., Lost Rivers (London: Fern Books, 2001), vol. 2.",
            ),
            (
                "Chen Ming. The Road North. New York: Hill Press, 1994.",
                "Chen Ming, The Road North (New York: Hill Press, 1994).",
            ),
            (
                "Marsh, Anna M. “River Gods” [The Gods of Rivers]. Water Studies 3 (1994): 5–10.",
                "Anna M. Marsh, “River Gods” [The Gods of Rivers], Water Studies 3 (1994): 5–10.",
            ),
            (
                "Marsh, A. B., and C. D. Bell. The Quiet Lake. Oxford: Reed, 1999.",
                "A. B. Marsh and C. D. Bell, The Quiet Lake (Oxford: Reed, 1999).",
            ),
            (
                "Marsh, A. B, and C. D. Bell. The Quiet Lake. Oxford: Reed Pub. Co., 1999.",
                "A. B Marsh and C. D. Bell, The Quiet Lake (Oxford: Reed Pub. Co., 1999).",
            ),
        ];
        for (entry, note) in cases {
            assert_eq!(
                chicago_entry_as_note(entry).as_deref(),
                Some(note),
                "{entry}"
            );
        }
    }

    #[test]
    fn entries_become_items() {
        let item =
            parse_entry("Marsh, Anna. “River Gods.” Water Studies 3, no. 1 (1994): 5–10.").unwrap();
        assert_eq!(item.kind, ItemType::ArticleJournal);
        assert_eq!(item.title.as_deref(), Some("River Gods"));
        assert_eq!(item.page.as_deref(), Some("5-10"));
        let item = parse_entry("Петров П. П. Тихие реки. М.: Наука, 1999. 300 с.").unwrap();
        assert_eq!(item.author[0].family.as_deref(), Some("Петров"));
        assert_eq!(item.title.as_deref(), Some("Тихие реки"));
        let item = parse_entry("RGASPI, f. 17, op. 3.").unwrap();
        assert_eq!(item.custom.fond.as_deref(), Some("17"));
    }

    /// The entry says which name is the family's, and that a quoted title
    /// opening it is no name.
    #[test]
    fn entries_keep_their_names_as_printed() {
        let item = parse_entry(
            "Kwon, Min Ho. “River Gods and Their Keepers.” Water Studies 3, no. 1 (1994).",
        )
        .unwrap();
        assert_eq!(item.author[0].family.as_deref(), Some("Kwon"));
        assert_eq!(item.author[0].given.as_deref(), Some("Min Ho"));
        let item = parse_entry("Kwon, G.M. Quiet Lakes. London: Fern Books, 2001.").unwrap();
        assert_eq!(item.author[0].given.as_deref(), Some("G.M."));
        assert_eq!(item.title.as_deref(), Some("Quiet Lakes"));
        // A first initial before a given name; a last initial alone.
        let item = parse_entry("Kwon, G. Minho. Quiet Lakes. London: Fern Books, 2001.").unwrap();
        assert_eq!(item.author[0].given.as_deref(), Some("G. Minho"));
        assert_eq!(item.title.as_deref(), Some("Quiet Lakes"));
        let item = parse_entry("Marsh, A. Lost Rivers. London: Fern Books, 2001.").unwrap();
        assert_eq!(item.author[0].family.as_deref(), Some("Marsh"));
        assert_eq!(item.author[0].given.as_deref(), Some("A."));
        assert_eq!(item.title.as_deref(), Some("Lost Rivers"));
        // A title with a comma is one part of the entry.
        let item = parse_entry(
            "Vole, Anna. Everything Was Green, Until It Was Not: A History. London: Fern Books, 2005.",
        )
        .unwrap();
        assert_eq!(item.author.len(), 1);
        assert_eq!(
            item.title.as_deref(),
            Some("Everything Was Green, Until It Was Not: A History")
        );
        let item = parse_entry(
            "Central Editing Office, Fern Party. A Collection of River Songs. Vol. 2. London: Fern Books, 1990.",
        )
        .unwrap();
        assert_eq!(
            item.author[0].literal.as_deref(),
            Some("Central Editing Office, Fern Party")
        );
        let item = parse_entry(
            "“River Gods of the North: Seven Essays, January 1949.” Water Studies 7, no. 1-2 (1994).",
        )
        .unwrap();
        assert_eq!(item.kind, ItemType::ArticleJournal);
        assert!(item.author.is_empty());
        assert_eq!(
            item.title.as_deref(),
            Some("River Gods of the North: Seven Essays, January 1949")
        );
    }

    /// An entry no grammar reads still gives its names and title.
    #[test]
    fn unread_entries_give_names_and_title() {
        let item = names_and_title(
            "Vole, Anna. Lichens of the North, 1900 - 1950: Notes from Old Papers. n.d.",
        )
        .unwrap();
        assert_eq!(item.author[0].family.as_deref(), Some("Vole"));
        assert_eq!(item.author[0].given.as_deref(), Some("Anna"));
        assert_eq!(
            item.title.as_deref(),
            Some("Lichens of the North, 1900 - 1950: Notes from Old Papers")
        );
        assert_eq!(names_and_title("Lichens of the North. n.d."), None);
        assert_eq!(names_and_title("Vole, Anna, ed. Lichens. n.d."), None);
    }

    #[test]
    fn repeated_names_are_marked() {
        assert_eq!(
            repeated_names("———. Other Rivers. London: Fern, 2003."),
            Some("Other Rivers. London: Fern, 2003.")
        );
        assert_eq!(repeated_names("Marsh, Anna."), None);
        assert_eq!(
            leading_names("Marsh, Anna. Lost Rivers. London: Fern, 2001."),
            Some("Marsh, Anna")
        );
    }
}
