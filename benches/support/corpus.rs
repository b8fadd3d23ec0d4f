//! The deterministic note generator behind `examples/gen-corpus.rs`, the
//! benches and `tests/linear.rs` (each includes this file as a module).
//!
//! A document is a run of chapters, each with its endnote list
//! `[1]`..`[n]`. Each note is drawn from
//! the shapes of the fixture sets (Chicago books, articles and chapters,
//! archival telegrams in Latin and Cyrillic shorthand, GOST references,
//! short forms, Ibid. and Там же, discursive notes). Works come from a
//! per-document catalogue that grows as notes cite new works, so short
//! forms and Ibid. refer back to real earlier citations, and a long
//! document cites its literature many times with different pinpoints.

#![allow(dead_code)]

use std::io::Write;

const FIRST: &[&str] = &[
    "John",
    "Mary",
    "Sergei",
    "Kathryn",
    "Odd Arne",
    "Chen",
    "Bruce",
    "Vladislav",
    "Evgueni",
    "Andrei",
    "William",
    "Anne",
    "Robert",
    "Xue",
    "Shen",
    "Ivan",
    "Alexander",
    "Nikolai",
    "Elena",
    "Thomas",
    "Michael",
    "Laura",
    "David",
    "Hiroshi",
    "Kim",
    "Pavel",
    "Sarah",
    "Jonathan",
    "Zhang",
    "Marc",
    "Geoffrey",
    "Ilya",
    "Natalia",
    "Peter",
];
const LAST: &[&str] = &[
    "Garver",
    "Weathersby",
    "Cumings",
    "Westad",
    "Mastny",
    "Zubok",
    "Pleshakov",
    "Goncharov",
    "Lewis",
    "Stueck",
    "Haslam",
    "Radchenko",
    "Gaddis",
    "Leffler",
    "Hasegawa",
    "Holloway",
    "Naimark",
    "Roberts",
    "Service",
    "Kotkin",
    "Khlevniuk",
    "Gorlizki",
    "Jersild",
    "Lüthi",
    "Friedman",
    "Shen",
    "Xia",
    "Millett",
    "Matray",
    "Kaufman",
    "Dockrill",
    "Trachtenberg",
    "Wolff",
    "Pechatnov",
    "Filitov",
    "Egorova",
    "Chubarian",
    "Ledovsky",
    "Torkunov",
    "Volkogonov",
    "Bajanov",
    "Denissov",
    "Mansourov",
    "Hershberg",
    "Selverstone",
    "Chamberlin",
    "Brands",
    "Suri",
];
const TITLE_A: &[&str] = &[
    "Uncertain",
    "Cold",
    "Forgotten",
    "Secret",
    "Divided",
    "Unfinished",
    "Fateful",
    "Reluctant",
    "Failed",
    "Imperial",
    "Revolutionary",
    "Dangerous",
    "Distant",
    "Bitter",
    "Hidden",
    "Long",
    "Troubled",
    "Strange",
];
const TITLE_B: &[&str] = &[
    "Partners",
    "War",
    "Alliance",
    "Empire",
    "Peace",
    "Decision",
    "Revolution",
    "Crisis",
    "Frontier",
    "Diplomacy",
    "Confrontation",
    "Origins",
    "Legacy",
    "Bargain",
    "Brotherhood",
    "Struggle",
    "Front",
    "Rivalry",
];
const TOPIC: &[&str] = &[
    "Stalin and Mao",
    "the Korean Peninsula",
    "Soviet Foreign Policy",
    "the Sino-Soviet Split",
    "Northeast Asia",
    "the Early Cold War",
    "American Containment",
    "Postwar Japan",
    "the Manchurian Question",
    "Nuclear Diplomacy",
    "the Comintern",
    "the Far Eastern Front",
    "Socialist Allies",
    "the Yalta System",
];
const PLACE_PUB: &[(&str, &str)] = &[
    ("Stanford, CA", "Stanford University Press"),
    ("New York", "Columbia University Press"),
    ("Princeton, NJ", "Princeton University Press"),
    ("Cambridge, MA", "Harvard University Press"),
    ("Chapel Hill", "University of North Carolina Press"),
    ("Oxford", "Oxford University Press"),
    ("New Haven", "Yale University Press"),
    ("Ithaca, NY", "Cornell University Press"),
    ("London", "Routledge"),
    ("Washington, DC", "Woodrow Wilson Center Press"),
];
const JOURNAL: &[&str] = &[
    "The Journal of American-East Asian Relations",
    "Cold War History",
    "Diplomatic History",
    "Journal of Cold War Studies",
    "Korea Observer",
    "The China Quarterly",
    "Europe-Asia Studies",
    "International Security",
    "Cold War International History Project Bulletin",
    "Slavic Review",
];
const SEASON: &[&str] = &["Spring", "Summer", "Fall", "Winter"];
const MONTH: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const OFFICIAL: &[&str] = &[
    "Stalin",
    "Shtykov",
    "Vyshinsky",
    "Gromyko",
    "Molotov",
    "Mao Zedong",
    "Zhou Enlai",
    "Kim Il Sung",
    "Roshchin",
    "Tunkin",
    "Zakharov",
    "Matveev",
    "Filippov",
    "Malenkov",
    "Beria",
    "Kovalev",
    "Panyushkin",
    "Razuvaev",
];
const DOC_KIND: &[&str] = &[
    "Ciphered telegram",
    "Telegram",
    "Letter",
    "Report",
    "Memorandum",
    "Instruction",
    "Cable",
    "Note",
];
const ARCHIVE: &[(&str, bool)] = &[
    ("APRF", false),
    ("AVPRF", true),
    ("RGASPI", false),
    ("RGANI", false),
    ("GARF", false),
];
const RU_LAST: &[&str] = &[
    "Ледовский",
    "Торкунов",
    "Ковалев",
    "Федоренко",
    "Капица",
    "Хрущев",
    "Печатнов",
    "Филитов",
    "Зубок",
    "Симонов",
    "Чуев",
    "Судоплатов",
    "Батюк",
    "Данилов",
    "Зубкова",
    "Громыко",
    "Волкогонов",
    "Хлевнюк",
    "Егорова",
    "Ванин",
    "Орлов",
    "Лавренов",
    "Тихвинский",
    "Шепилов",
    "Микоян",
    "Жирохов",
    "Волохова",
];
const RU_INITIAL: &[&str] = &[
    "А.", "В.", "И.", "Н.", "М.", "С.", "Д.", "О.", "Е.", "Ю.", "Ф.", "П.", "Г.", "Л.",
];
const RU_TITLE_A: &[&str] = &[
    "Загадочная",
    "Холодная",
    "Неудавшаяся",
    "Советская",
    "Корейская",
    "Послевоенная",
    "Первая",
    "Тайная",
    "Великая",
    "Дальневосточная",
    "Опасная",
    "Непримкнувшая",
];
const RU_TITLE_B: &[&str] = &[
    "война",
    "империя",
    "дипломатия",
    "политика",
    "граница",
    "миссия",
    "стратегия",
    "история",
    "эпоха",
    "встреча",
    "переписка",
    "держава",
];
const RU_TOPIC: &[&str] = &[
    "Документы и свидетельства",
    "Исторический очерк",
    "Новое прочтение",
    "Записки дипломата",
    "По материалам архивов",
    "Политический портрет",
    "Размышления о минувшем",
    "Документальные очерки",
];
const RU_PUB: &[&str] = &[
    "М.: РОССПЭН",
    "М.: Наука",
    "М.: Вагриус",
    "М.: ОЛМА-ПРЕСС",
    "М.: Международные отношения",
    "М.: Восточная литература",
    "СПб.: Нестор-История",
    "М.: Политиздат",
    "М.: Вече",
    "М.: ИВИ РАН",
];
const RU_JOURNAL: &[&str] = &[
    "Проблемы Дальнего Востока",
    "Новая и новейшая история",
    "Отечественная история",
    "Вопросы истории",
    "Международная жизнь",
    "Российская история",
];
const RU_MONTH_GEN: &[&str] = &[
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const RU_ARCHIVE: &[&str] = &["АП РФ", "АВП РФ", "РГАСПИ", "РГАНИ", "ГА РФ", "ЦАМО РФ"];
const RU_DOC_KIND: &[&str] = &[
    "Шифртелеграмма",
    "Письмо",
    "Записка",
    "Докладная записка",
    "Телеграмма",
];
const DISCURSIVE: &[&str] = &[
    "Scholars have different views about this issue.",
    "The guerrillas were most successful in the fall of that year, and were suppressed by the following spring.",
    "Many of these issues were discussed at an international conference held in Washington in July.",
    "The documents do not say who drafted the reply, and the question remains open.",
    "On the debate over the timing of the decision, the evidence is thin and contradictory.",
    "I have collected and preserved several hundred archival documents, from which I cite directly.",
    "Эти данные приводятся в работе, основанной на рассекреченных материалах.",
];

/// A small seeded generator (SplitMix64): deterministic on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[(self.next() % list.len() as u64) as usize]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A work the document has cited in full: what its short form prints.
#[derive(Clone)]
enum Cited {
    /// Chicago: `Last, Short Title`.
    Latin { full: String, short: String },
    /// GOST: `Фамилия И. О. Указ. соч.`
    Cyrillic { full: String, short: String },
    /// An archival document (no short form; cited again in full or by Ibid.).
    Archival { full: String, cyrillic: bool },
}

/// The works of a document: at most this many distinct works, after
/// which every full citation cites one already in the catalogue (the
/// literature of a field is large but finite).
const CATALOGUE_LIMIT: usize = 20_000;

/// State of one document while its notes are written.
pub struct Generator {
    rng: Rng,
    catalogue: Vec<Cited>,
    /// The last citation of the previous note (what Ibid. refers to).
    previous: Option<Cited>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            catalogue: Vec::new(),
            previous: None,
        }
    }

    fn pages(&mut self, cyrillic: bool) -> String {
        let start = self.rng.range(1, 640);
        let (one, many, dash) = if cyrillic {
            ("С.", "С.", "–")
        } else {
            ("p.", "pp.", "-")
        };
        if self.rng.chance(40) {
            format!("{many} {start}{dash}{}", start + self.rng.range(1, 12))
        } else {
            format!("{one} {start}")
        }
    }

    fn person(&mut self) -> (String, String) {
        let first = self.rng.pick(FIRST).to_string();
        let last = self.rng.pick(LAST).to_string();
        (first, last)
    }

    fn title(&mut self) -> (String, String) {
        let short = format!("{} {}", self.rng.pick(TITLE_A), self.rng.pick(TITLE_B));
        let full = if self.rng.chance(60) {
            format!(
                "{short}: {} {}, {}-{}",
                self.rng.pick(TOPIC),
                "and the Korean War",
                self.rng.range(1920, 1960),
                self.rng.range(1961, 1999)
            )
        } else {
            format!("{short} in {}", self.rng.pick(TOPIC))
        };
        (short, full)
    }

    fn new_latin(&mut self) -> Cited {
        let (first, last) = self.person();
        let (short, title) = self.title();
        let year = self.rng.range(1955, 2024);
        let full = match self.rng.range(0, 2) {
            0 => {
                let (place, publisher) = *self.rng.pick(PLACE_PUB);
                let authors = if self.rng.chance(25) {
                    let (f2, l2) = self.person();
                    format!("{first} {last} and {f2} {l2}")
                } else {
                    format!("{first} {last}")
                };
                format!("{authors}, {title} ({place}: {publisher}, {year})")
            }
            1 => {
                let journal = self.rng.pick(JOURNAL);
                let season = self.rng.pick(SEASON);
                format!(
                    "{first} {last}, “{title},” {journal}, Vol. {}, No. {} ({season} {year})",
                    self.rng.range(1, 60),
                    self.rng.range(1, 6)
                )
            }
            _ => {
                let (ef, el) = self.person();
                let (_, book) = self.title();
                let (place, publisher) = *self.rng.pick(PLACE_PUB);
                format!("{first} {last}, “{title},” in {book}, ed. {ef} {el} ({place}: {publisher}, {year})")
            }
        };
        Cited::Latin {
            full,
            short: format!("{last}, {short}"),
        }
    }

    fn ru_person(&mut self) -> String {
        format!(
            "{} {} {}",
            self.rng.pick(RU_LAST),
            self.rng.pick(RU_INITIAL),
            self.rng.pick(RU_INITIAL)
        )
    }

    fn new_cyrillic(&mut self) -> Cited {
        let author = self.ru_person();
        let title = format!(
            "{} {}",
            self.rng.pick(RU_TITLE_A),
            self.rng.pick(RU_TITLE_B)
        );
        let year = self.rng.range(1950, 2023);
        let full = if self.rng.chance(55) {
            let topic = self.rng.pick(RU_TOPIC);
            let publisher = self.rng.pick(RU_PUB);
            format!("{author} {title}: {topic}. {publisher}, {year}.")
        } else {
            let journal = self.rng.pick(RU_JOURNAL);
            format!(
                "{author} {title} // {journal}. {year}. № {}.",
                self.rng.range(1, 12)
            )
        };
        Cited::Cyrillic {
            full,
            short: format!("{author} Указ. соч."),
        }
    }

    fn new_archival(&mut self) -> Cited {
        let cyrillic = self.rng.chance(35);
        let fond = self.rng.range(1, 600);
        let opis = self.rng.range(1, 170);
        let delo = self.rng.range(1, 1400);
        let sheet = self.rng.range(1, 300);
        let day = self.rng.range(1, 28);
        let month = self.rng.range(0, 11) as usize;
        let year = self.rng.range(1939, 1960);
        let full = if cyrillic {
            let kind = self.rng.pick(RU_DOC_KIND);
            let archive = self.rng.pick(RU_ARCHIVE);
            format!(
                "{kind} {} {}, {day} {} {year} г. — {archive}. Ф. {fond}. Оп. {opis}. Д. {delo}. Л. {sheet}–{}.",
                self.ru_person(),
                self.ru_person(),
                RU_MONTH_GEN[month],
                sheet + self.rng.range(1, 9)
            )
        } else {
            let kind = self.rng.pick(DOC_KIND);
            let from = self.rng.pick(OFFICIAL);
            let to = self.rng.pick(OFFICIAL);
            let (archive, papka) = *self.rng.pick(ARCHIVE);
            let papka = if papka {
                format!(", pap. {}", self.rng.range(1, 60))
            } else {
                String::new()
            };
            format!(
                "{kind} from {from} to {to}, {day} {} {year}, {archive}, f. {fond}, op. {opis}{papka}, d. {delo}, ll. {sheet}-{}.",
                MONTH[month],
                sheet + self.rng.range(1, 9)
            )
        };
        Cited::Archival { full, cyrillic }
    }

    /// A work for a full citation: a new one, or (once the catalogue is
    /// large) one cited before.
    fn work(&mut self) -> Cited {
        let fresh = self.catalogue.len() < 50
            || (self.catalogue.len() < CATALOGUE_LIMIT && self.rng.chance(70));
        if !fresh {
            return self.rng.pick(&self.catalogue).clone();
        }
        let work = match self.rng.range(0, 9) {
            0..=4 => self.new_latin(),
            5..=6 => self.new_cyrillic(),
            _ => self.new_archival(),
        };
        self.catalogue.push(work.clone());
        work
    }

    /// One citation in full, short or Ibid. form (without the final period
    /// of the note).
    fn citation(&mut self, allow_ibid: bool) -> String {
        let roll = self.rng.range(0, 99);
        let (text, cited) = if allow_ibid && roll < 12 && self.previous.is_some() {
            let previous = self.previous.clone().unwrap();
            let text = match &previous {
                Cited::Cyrillic { .. } | Cited::Archival { cyrillic: true, .. } => {
                    format!("Там же. {}", self.pages(true))
                }
                _ if self.rng.chance(20) => "Ibid".to_string(),
                _ => format!("Ibid., {}", self.pages(false)),
            };
            (text, previous)
        } else if roll < 40 && self.catalogue.len() > 10 {
            let back = self.catalogue.len().min(200);
            let index = self.catalogue.len() - 1 - self.rng.range(0, back as u64 - 1) as usize;
            let cited = self.catalogue[index].clone();
            let text = match &cited {
                Cited::Latin { short, .. } => format!("{short}, {}", self.pages(false)),
                Cited::Cyrillic { short, .. } => format!("{short} {}", self.pages(true)),
                Cited::Archival { full, .. } => full.trim_end_matches('.').to_string(),
            };
            (text, cited)
        } else {
            let cited = self.work();
            let text = match &cited {
                Cited::Latin { full, .. } => format!("{full}, {}", self.pages(false)),
                Cited::Cyrillic { full, .. } => format!("{full} {}", self.pages(true)),
                Cited::Archival { full, .. } => full.trim_end_matches('.').to_string(),
            };
            (text, cited)
        };
        self.previous = Some(cited);
        text
    }

    /// The text of the next note.
    pub fn note(&mut self) -> String {
        let shape = self.rng.range(0, 99);
        if shape < 62 {
            let mut text = self.citation(true);
            if !text.ends_with('.') {
                text.push('.');
            }
            text
        } else if shape < 80 {
            let count = self.rng.range(2, 4);
            let parts: Vec<String> = (0..count).map(|k| self.citation(k == 0)).collect();
            let mut text = parts.join("; ");
            if !text.ends_with('.') {
                text.push('.');
            }
            text
        } else if shape < 93 {
            let sentence = self.rng.pick(DISCURSIVE);
            let first = self.citation(false);
            let also = self.citation(false);
            format!("{sentence} For a more detailed discussion, see {first}; see also {also}.")
        } else {
            let sentence = self.rng.pick(DISCURSIVE);
            let other = self.rng.pick(DISCURSIVE);
            format!("{sentence} {other}")
        }
    }

    /// A note of about `bytes` bytes: discursive sentences with citations in
    /// passing, one after another (for the linear-cost test).
    pub fn long_note(&mut self, bytes: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            if !text.is_empty() {
                text.push(' ');
            }
            let sentence = *self.rng.pick(DISCURSIVE);
            text.push_str(sentence);
            text.push_str(" See ");
            text.push_str(&self.citation(false));
            text.push_str("; see also ");
            text.push_str(&self.citation(false));
            text.push('.');
        }
        text
    }
}

/// Notes per chapter: each chapter numbers its notes from `[1]`, as the
/// chapters of a book do (and note finders read at most five digits).
const CHAPTER_NOTES: std::ops::RangeInclusive<u64> = 400..=3000;

/// Writes one document of about `bytes` bytes: a title line, then
/// chapters, each a heading, a `Notes` heading and the notes `[1]`..`[n]`.
/// Returns the number of notes.
pub fn write_document(out: &mut dyn Write, bytes: usize, seed: u64) -> std::io::Result<usize> {
    let mut generator = Generator::new(seed);
    let mut written = 0usize;
    let mut total = 0usize;
    let mut chapter = 0u64;
    let header = format!("Generated corpus, seed {seed}\n");
    out.write_all(header.as_bytes())?;
    written += header.len();
    while written < bytes {
        chapter += 1;
        let length = generator
            .rng
            .range(*CHAPTER_NOTES.start(), *CHAPTER_NOTES.end());
        let heading = format!("\nChapter {chapter}\n\nNotes\n");
        out.write_all(heading.as_bytes())?;
        written += heading.len();
        for n in 1..=length {
            if written >= bytes {
                break;
            }
            let line = format!("[{n}] {}\n", generator.note());
            out.write_all(line.as_bytes())?;
            written += line.len();
            total += 1;
        }
    }
    Ok(total)
}

/// A document of about `bytes` bytes as a string.
pub fn document(bytes: usize, seed: u64) -> String {
    let mut out = Vec::with_capacity(bytes + 1024);
    write_document(&mut out, bytes, seed).expect("writing to memory");
    String::from_utf8(out).expect("the generator writes UTF-8")
}
