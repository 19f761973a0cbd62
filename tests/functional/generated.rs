//! Generated competencies of issue 25: frames filled from slot lists, with
//! a held-out part fixed by a seed.
//!
//! The hand-written cases (`suite.rs`) fit the phenomenon only as far as
//! their authors thought of it, so each competency here is a small grammar:
//! frames ("{group} should all be {violent:3}.") whose slots are filled
//! from lists (identity groups in plural, singular and adjective forms,
//! violent verbs with their inflections, names, modality, opinion markers,
//! intensifiers...).  About 30% of every slot list and of every
//! competency's frames is held out, chosen by [`SEED`]; the choice is
//! written to `tests/functional/heldout.txt` (a test checks it is
//! current), and those fillers and frames are never read while writing
//! rules or word lists: only their aggregate accuracy is looked at.
//!
//! A dev case uses a dev frame and dev fillers only.  A held-out case uses
//! at least one held-out element: a held-out frame (with any fillers), or
//! any frame with held-out fillers in every slot.
//!
//! Slot syntax: `{name}` is the first form of a filler, `{name:k}` its
//! form `k` (forms are separated by `|` in a filler), `{name~}` the first
//! form disguised by the spelling variant the `variant` slot picked.
//! Every case is deterministic: the same seed gives the same texts.
//!
//! Shared by `tests/it/functional.rs` (a bounded dev sample in
//! `make test`) and `examples/accuracy.rs` (`make eval`: dev and held-out
//! accuracy per competency in docs/ACCURACY.md).

use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS};
use threadwatch::analyze::standalone::score_text;
use threadwatch::stable::{fnv_bytes, SplitMix64};

/// The seed that picks the held-out fillers and frames (issue 25).
pub const SEED: u64 = 25;

/// Share of every list held out.
pub const HELD_OUT_SHARE: f64 = 0.3;

/// A slot list: its name and fillers (forms separated by `|`).
pub struct Slot {
    /// Name used in frames.
    pub name: &'static str,
    /// The fillers.
    pub fillers: &'static [&'static str],
}

/// One competency: its frames and what a moderator expects of every case.
pub struct Competency {
    /// Report name.
    pub name: &'static str,
    /// Expected verdict.
    pub uncivil: bool,
    /// A flag column that must be 1 (empty: none checked).
    pub flag: &'static str,
    /// The expected `target` (empty: not checked).
    pub target: &'static str,
    /// The frames.
    pub frames: &'static [&'static str],
}

/// Identity groups: plural | singular | adjective.
const GROUP: &[&str] = &[
    "Muslims|Muslim|Muslim",
    "Jews|Jew|Jewish",
    "immigrants|immigrant|immigrant",
    "refugees|refugee|refugee",
    "migrants|migrant|migrant",
    "Mexicans|Mexican|Mexican",
    "Black people|Black person|Black",
    "gay people|gay person|gay",
    "trans people|trans person|trans",
    "women|woman|female",
    "lesbians|lesbian|lesbian",
    "Christians|Christian|Christian",
    "Hindus|Hindu|Hindu",
    "Sikhs|Sikh|Sikh",
    "Arabs|Arab|Arab",
    "Asians|Asian|Asian",
    "Chinese people|Chinese person|Chinese",
    "Africans|African|African",
    "Latinos|Latino|Latino",
    "Hispanics|Hispanic|Hispanic",
    "disabled people|disabled person|disabled",
    "gypsies|gypsy|Romani",
    "Somalis|Somali|Somali",
    "Syrians|Syrian|Syrian",
    "Pakistanis|Pakistani|Pakistani",
    "Indians|Indian|Indian",
    "Catholics|Catholic|Catholic",
    "atheists|atheist|atheist",
    "bisexuals|bisexual|bisexual",
    "transgender people|transgender person|transgender",
    "Native Americans|Native American|Native American",
    "Buddhists|Buddhist|Buddhist",
    "Nigerians|Nigerian|Nigerian",
    "Polish people|Polish person|Polish",
    "Romanians|Romanian|Romanian",
    "Palestinians|Palestinian|Palestinian",
    "Mormons|Mormon|Mormon",
    "deaf people|deaf person|deaf",
    "Haitians|Haitian|Haitian",
    "Filipinos|Filipino|Filipino",
    "Turks|Turk|Turkish",
    "Kurds|Kurd|Kurdish",
    "gay men|gay man|gay",
    "Black women|Black woman|Black",
    "Jamaicans|Jamaican|Jamaican",
    "Afghans|Afghan|Afghan",
    "Iraqis|Iraqi|Iraqi",
    "Koreans|Korean|Korean",
    "Hmong people|Hmong person|Hmong",
    "autistic people|autistic person|autistic",
];

/// Violent verbs: base | third person | past | participle | gerund.
const VIOLENT: &[&str] = &[
    "kill|kills|killed|killed|killing",
    "murder|murders|murdered|murdered|murdering",
    "shoot|shoots|shot|shot|shooting",
    "stab|stabs|stabbed|stabbed|stabbing",
    "hang|hangs|hanged|hanged|hanging",
    "beat|beats|beat|beaten|beating",
    "punch|punches|punched|punched|punching",
    "strangle|strangles|strangled|strangled|strangling",
    "lynch|lynches|lynched|lynched|lynching",
    "behead|beheads|beheaded|beheaded|beheading",
    "burn|burns|burned|burned|burning",
    "slaughter|slaughters|slaughtered|slaughtered|slaughtering",
    "execute|executes|executed|executed|executing",
    "torture|tortures|tortured|tortured|torturing",
    "gas|gases|gassed|gassed|gassing",
    "exterminate|exterminates|exterminated|exterminated|exterminating",
    "drown|drowns|drowned|drowned|drowning",
    "butcher|butchers|butchered|butchered|butchering",
    "massacre|massacres|massacred|massacred|massacring",
    "choke|chokes|choked|choked|choking",
    "poison|poisons|poisoned|poisoned|poisoning",
    "hurt|hurts|hurt|hurt|hurting",
    "maim|maims|maimed|maimed|maiming",
    "stomp|stomps|stomped|stomped|stomping",
    "whip|whips|whipped|whipped|whipping",
    "decapitate|decapitates|decapitated|decapitated|decapitating",
    "bludgeon|bludgeons|bludgeoned|bludgeoned|bludgeoning",
    "knife|knifes|knifed|knifed|knifing",
    "slay|slays|slew|slain|slaying",
    "impale|impales|impaled|impaled|impaling",
    "pummel|pummels|pummelled|pummelled|pummelling",
    "eliminate|eliminates|eliminated|eliminated|eliminating",
    "crucify|crucifies|crucified|crucified|crucifying",
    "mutilate|mutilates|mutilated|mutilated|mutilating",
    "skewer|skewers|skewered|skewered|skewering",
    "assault|assaults|assaulted|assaulted|assaulting",
    "batter|batters|battered|battered|battering",
    "clobber|clobbers|clobbered|clobbered|clobbering",
    "shank|shanks|shanked|shanked|shanking",
    "smother|smothers|smothered|smothered|smothering",
];

/// First-person intents.
const INTENT: &[&str] = &[
    "I'm going to",
    "I will",
    "I'll",
    "I'm gonna",
    "I swear I'll",
    "I am going to",
    "I want to",
    "I'm about to",
    "Tonight I'll",
    "I promise I will",
    "I'm definitely going to",
    "I fully intend to",
];

/// Calls and wishes before a passive.
const CALL: &[&str] = &[
    "should all be",
    "deserve to be",
    "ought to be",
    "need to be",
    "must all be",
    "should be",
    "all deserve to be",
    "ought to all be",
    "have to be",
    "need to all be",
];

/// Participants' names.
const NAME: &[&str] = &[
    "Derek", "Sarah", "Mike", "Priya", "Tom", "Aisha", "Kevin", "Linda", "Carlos", "Emma", "Raj",
    "Jake", "Olivia", "Dale", "Nora", "Hassan", "Greg", "Chloe", "Marcus", "Fiona",
];

/// Object pronouns for a person.
const PRONOUN: &[&str] = &["him", "her", "them", "that guy", "this woman", "that clown"];

/// Opinion markers (the empty filler: none).
const OPINION: &[&str] = &[
    "I think",
    "Honestly,",
    "In my opinion",
    "I believe",
    "Frankly,",
    "Let's be real,",
    "Everyone knows",
    "I'm just saying",
    "It's a fact that",
    "My view is that",
];

/// Intensifiers.
const INTENSE: &[&str] = &[
    "really",
    "truly",
    "so",
    "absolutely",
    "completely",
    "totally",
    "utterly",
    "just",
    "incredibly",
    "deeply",
];

/// Animals and vermin, plural.
const ANIMAL: &[&str] = &[
    "rats",
    "cockroaches",
    "dogs",
    "pigs",
    "apes",
    "monkeys",
    "snakes",
    "vermin",
    "parasites",
    "leeches",
    "insects",
    "animals",
    "beasts",
    "maggots",
    "lice",
    "worms",
    "swine",
    "hyenas",
    "vultures",
    "locusts",
    "termites",
    "fleas",
    "weasels",
    "cattle",
    "goats",
    "roaches",
    "ticks",
    "slugs",
    "mongrels",
    "baboons",
];

/// Diseases and infestations (with their article).
const DISEASE: &[&str] = &[
    "a plague",
    "a cancer",
    "a disease",
    "an infestation",
    "a virus",
    "a tumour",
    "an infection",
    "a pestilence",
    "a blight",
    "a scourge",
    "a stain",
    "a sickness",
    "a poison",
    "a rot",
    "a contagion",
];

/// Negative attributes.
const NEGATIVE: &[&str] = &[
    "lazy",
    "violent",
    "dirty",
    "stupid",
    "greedy",
    "filthy",
    "dishonest",
    "primitive",
    "worthless",
    "disgusting",
    "evil",
    "savage",
    "treacherous",
    "inferior",
    "vile",
    "backward",
    "untrustworthy",
    "parasitic",
    "barbaric",
    "repulsive",
    "deceitful",
    "brainless",
    "sneaky",
    "dangerous",
    "degenerate",
    "vicious",
    "pathetic",
    "useless",
    "wicked",
    "feral",
    "dumb",
    "corrupt",
    "revolting",
    "thieving",
    "cowardly",
    "ignorant",
    "subhuman",
    "loathsome",
    "depraved",
    "moronic",
];

/// Feelings of disgust after "I'm ... by".
const DISGUSTED: &[&str] = &[
    "disgusted",
    "sickened",
    "repulsed",
    "revolted",
    "nauseated",
    "appalled",
    "grossed out",
    "horrified",
];

/// What a group is said to do to the writer's stomach.
const SICKEN: &[&str] = &[
    "make me sick",
    "make me want to vomit",
    "make my skin crawl",
    "make me want to throw up",
    "fill me with disgust",
    "make me ill",
    "disgust me",
    "sicken me",
    "make me nauseous",
    "repulse me",
    "turn my stomach",
];

/// Positive values that can be denied.
const VALUE: &[&str] = &[
    "our equals",
    "real people",
    "human beings",
    "fully human",
    "worthy of respect",
    "real citizens",
    "equal to us",
    "welcome in this country",
    "deserving of rights",
    "worth anything",
    "decent people",
    "part of our society",
];

/// Strong insults a variant disguises.
const INSULT: &[&str] = &[
    "idiot",
    "moron",
    "imbecile",
    "scumbag",
    "cretin",
    "dumbass",
    "jackass",
    "asshole",
    "bastard",
    "dipshit",
    "halfwit",
    "douchebag",
    "shithead",
    "dickhead",
    "numbskull",
    "dimwit",
    "wanker",
    "dirtbag",
    "lowlife",
    "nitwit",
];

/// Spelling variants: how `{x~}` disguises a word.
const VARIANT: &[&str] = &["swap", "drop", "add", "leet", "spaced", "joined"];

/// Slurs a group reclaims: singular | plural.
const RECLAIMED: &[&str] = &[
    "queer|queers",
    "dyke|dykes",
    "fag|fags",
    "homo|homos",
    "crip|crips",
    "tranny|trannies",
    "nigga|niggas",
    "poof|poofs",
    "gimp|gimps",
    "bitch|bitches",
];

/// Sentences that use a word in its ordinary sense.
const ORDINARY: &[&str] = &[
    "The old dyke kept the sea off the farmland for centuries.",
    "Grandpa tied a faggot of sticks for the fire.",
    "Our bitch had six puppies last night.",
    "That coon hound can track anything.",
    "A queer feeling came over me in the empty house.",
    "The gypsy moth caterpillars ate the oak leaves.",
    "Fire retardant was dropped on the hills.",
    "I had cheese on a cracker for lunch.",
    "The spook in the film was a CIA agent.",
    "Put the faggots of wood by the oven.",
    "My spastic colon is acting up again.",
    "The Dutch built a dyke along the river.",
    "The golden retriever bitch won best in show.",
    "The gimp on my stereo switch broke off.",
    "A jap was what people called a Japanese car in the ads of the 1980s.",
    "The queer old clock ticked in the hall.",
    "The breeder sold the bitch and kept the male puppies.",
    "We ate crackers and soup while it rained.",
    "The roads were slick, so the crews spread retardant and grit.",
    "The dykes in the Netherlands held during the storm.",
];

/// Framing words for a full sentence.
const PREFIX: &[&str] = &[
    "",
    "Fun fact: ",
    "True story: ",
    "Anyway, ",
    "Just so you know, ",
    "Yesterday I learned this: ",
];

/// Things hostility can be aimed at.
const THING: &[&str] = &[
    "Mondays|Monday",
    "printers|this printer",
    "taxes|the new tax",
    "traffic jams|this traffic",
    "spreadsheets|this spreadsheet",
    "parking apps|the parking app",
    "bus timetables|the bus timetable",
    "roadworks|these roadworks",
    "cold showers|this shower",
    "alarm clocks|my alarm clock",
    "pop-up ads|this pop-up",
    "software updates|this update",
    "paywalls|this paywall",
    "leaf blowers|my neighbour's leaf blower",
    "self-checkout machines|the self-checkout",
    "mosquitoes|this mosquito",
    "weeds|these weeds",
    "potholes|this pothole",
    "speed bumps|that speed bump",
    "printer cartridges|this cartridge",
];

/// Violence done to things.
const SMASH: &[&str] = &[
    "smash|smashed",
    "destroy|destroyed",
    "burn|burned",
    "throw|thrown out of the window",
    "kill|killed",
    "shoot|shot",
    "blow up|blown up",
    "strangle|strangled",
    "wreck|wrecked",
    "murder|murdered",
];

/// Condemning a claim.
const CONDEMN: &[&str] = &[
    "is disgusting",
    "is pure bigotry",
    "is hateful and wrong",
    "is racist nonsense",
    "is never acceptable",
    "is hate speech",
    "has no place here",
    "is vile",
    "should shame anyone who says it",
    "is simply bigoted",
];

/// Every slot list.
pub const SLOTS: &[Slot] = &[
    Slot {
        name: "group",
        fillers: GROUP,
    },
    Slot {
        name: "violent",
        fillers: VIOLENT,
    },
    Slot {
        name: "intent",
        fillers: INTENT,
    },
    Slot {
        name: "call",
        fillers: CALL,
    },
    Slot {
        name: "name",
        fillers: NAME,
    },
    Slot {
        name: "pronoun",
        fillers: PRONOUN,
    },
    Slot {
        name: "opinion",
        fillers: OPINION,
    },
    Slot {
        name: "intense",
        fillers: INTENSE,
    },
    Slot {
        name: "animal",
        fillers: ANIMAL,
    },
    Slot {
        name: "disease",
        fillers: DISEASE,
    },
    Slot {
        name: "negative",
        fillers: NEGATIVE,
    },
    Slot {
        name: "disgusted",
        fillers: DISGUSTED,
    },
    Slot {
        name: "sicken",
        fillers: SICKEN,
    },
    Slot {
        name: "value",
        fillers: VALUE,
    },
    Slot {
        name: "insult",
        fillers: INSULT,
    },
    Slot {
        name: "variant",
        fillers: VARIANT,
    },
    Slot {
        name: "reclaimed",
        fillers: RECLAIMED,
    },
    Slot {
        name: "ordinary",
        fillers: ORDINARY,
    },
    Slot {
        name: "prefix",
        fillers: PREFIX,
    },
    Slot {
        name: "thing",
        fillers: THING,
    },
    Slot {
        name: "smash",
        fillers: SMASH,
    },
    Slot {
        name: "condemn",
        fillers: CONDEMN,
    },
];

/// The competencies, in report order.
pub const COMPETENCIES: &[Competency] = &[
    Competency {
        name: "threat: group member, direct",
        uncivil: true,
        flag: "threat",
        target: "group",
        frames: &[
            "{intent} {violent} the next {group:1} I see.",
            "{intent} {violent} every {group:1} in this town.",
            "{intent} {violent} any {group:1} who comes near me.",
            "The next {group:1} I meet, {intent} {violent} them.",
            "{intent} {violent} the first {group:1} who walks past my house.",
            "If a {group:1} moves in next door, {intent} {violent} them.",
            "{intent} {violent} all the {group} on my street.",
            "{intent} go out tonight and {violent} some {group}.",
            "Any {group:1} who talks to me, {intent} {violent} them.",
            "{intent} {violent} every last one of those {group}.",
        ],
    },
    Competency {
        name: "threat: group, wish or call",
        uncivil: true,
        flag: "threat",
        target: "group",
        frames: &[
            "{group} {call} {violent:3}.",
            "All {group} {call} {violent:3}.",
            "The world would be better off without {group}.",
            "I hope all {group} get {violent:3}.",
            "I wish someone would {violent} all the {group}.",
            "Every {group:1} {call} {violent:3}.",
            "{opinion} {group} {call} {violent:3}.",
            "Somebody needs to {violent} these {group}.",
            "This country would be better without any {group} in it.",
            "Honestly, {group} {call} {violent:3} in the street.",
            "We would all be better off if {group} were {violent:3}.",
            "It's time to {violent} every {group:1} we can find.",
        ],
    },
    Competency {
        name: "threat: person",
        uncivil: true,
        flag: "threat",
        target: "",
        frames: &[
            "{intent} {violent} you, {name}.",
            "{name}, {intent} {violent} you.",
            "Someone should {violent} {pronoun}.",
            "{pronoun} deserves to be {violent:3}.",
            "Keep it up, {name}, and {intent} {violent} you.",
            "{intent} {violent} you if you post that again.",
            "You deserve to be {violent:3}, {name}.",
            "I hope someone {violent:2} you.",
            "Somebody ought to {violent} {pronoun} for this.",
            "{name} should be {violent:3}.",
        ],
    },
    Competency {
        name: "threat: veiled",
        uncivil: true,
        flag: "threat",
        target: "",
        frames: &[
            "Watch your back, {name}.",
            "I know where you live, {name}.",
            "I know where you park, {name}.",
            "Keep talking, {name}. I know which street you live on.",
            "You'll regret this, {name}.",
            "Someone should teach {pronoun} a lesson.",
            "I'd watch my back if I were you, {name}.",
            "I know where your kids go to school, {name}.",
            "Be careful walking home tonight, {name}.",
            "We know where you work, {name}.",
            "You'd better sleep with one eye open, {name}.",
            "Somebody is going to teach {pronoun} a lesson they won't forget.",
            "Enjoy your last days, {name}.",
            "I've got your address, {name}. See you soon.",
            "You won't be so smug when I find you, {name}.",
        ],
    },
    Competency {
        name: "hate: dehumanising",
        uncivil: true,
        flag: "identity_attack",
        target: "group",
        frames: &[
            "{group} are {animal}.",
            "{group} are nothing but {animal}.",
            "{group} are {disease} on this country.",
            "{opinion} {group} are {animal}.",
            "{group} breed like {animal}.",
            "{group} are no better than {animal}.",
            "Those {group} are {intense} {animal}.",
            "Why are {group} such {animal}?",
            "{group} are {disease} on our society.",
            "A {group:1} is basically one of the {animal}.",
            "Every {group:1} is a {animal} in human clothing.",
            "{group} are filthy {animal}.",
        ],
    },
    Competency {
        name: "hate: implicit derogation",
        uncivil: true,
        flag: "identity_attack",
        target: "group",
        frames: &[
            "Never trust a {group:1}.",
            "You can't trust a {group:1}.",
            "{group} are like {animal}.",
            "I would never hire a {group:1}.",
            "Don't let a {group:1} near your children.",
            "Keep your daughters away from {group}.",
            "{group} act like {animal}.",
            "Lock your doors when {group} move in.",
            "Of course the thief was a {group:1}.",
            "Never leave your wallet around a {group:1}.",
            "{group} behave like {animal}.",
            "Don't ever trust {group}.",
        ],
    },
    Competency {
        name: "hate: negative emotion",
        uncivil: true,
        flag: "identity_attack",
        target: "group",
        frames: &[
            "{group} {sicken}.",
            "I'm {disgusted} by all the {group} around here.",
            "{group} {intense} {sicken}.",
            "{opinion} {group} {sicken}.",
            "All these {group} {sicken}.",
            "I am {intense} {disgusted} by {group}.",
            "Seeing {group} everywhere makes me sick.",
            "{group} in my neighbourhood {sicken}.",
            "I feel {disgusted} whenever I see {group}.",
            "Being around {group} makes me want to vomit.",
        ],
    },
    Competency {
        name: "hate: negated positive",
        uncivil: true,
        flag: "identity_attack",
        target: "group",
        frames: &[
            "{group} are not {value}.",
            "{group:2} lives should not matter to anyone.",
            "{group} will never be {value}.",
            "{opinion} {group} are not {value}.",
            "{group} aren't {value} and never will be.",
            "No {group:1} is {value}.",
            "{group:2} lives don't matter.",
            "{group} don't deserve any respect.",
            "{group} are not {intense} {value}.",
            "{group} don't deserve to live here.",
            "{group} should never be treated as {value}.",
        ],
    },
    Competency {
        name: "hate: attribute, opinion, question",
        uncivil: true,
        flag: "identity_attack",
        target: "group",
        frames: &[
            "{group} are {negative}.",
            "All {group} are {negative}.",
            "{opinion} {group} are {negative}.",
            "Why are {group} so {negative}?",
            "Why are all {group} {intense} {negative}?",
            "{group} are {intense} {negative}.",
            "Isn't it obvious that {group} are {negative}?",
            "Every {group:1} is {negative}.",
            "{group} are {negative} and always will be.",
            "Why is every {group:1} so {negative}?",
            "{opinion} {group} are {intense} {negative}.",
            "Aren't {group} just {negative}?",
        ],
    },
    Competency {
        name: "spelling variants",
        uncivil: true,
        flag: "",
        target: "",
        frames: &[
            "You are such an {insult~}.",
            "Shut up, you {insult~}.",
            "What an {insult~} you are.",
            "{name}, you absolute {insult~}.",
            "Only a {insult~} would post this.",
            "You're a total {insult~} and everyone knows it.",
            "Go away, you {insult~}.",
            "{name} is a complete {insult~}.",
            "Listen here, you {insult~}.",
            "Nobody asked you, {insult~}.",
        ],
    },
    Competency {
        name: "civil: reclaimed, first person",
        uncivil: false,
        flag: "",
        target: "",
        frames: &[
            "I'm a proud {reclaimed} and I'm not going anywhere.",
            "We {reclaimed:1} have to stick together.",
            "As a {reclaimed} myself, I loved this film.",
            "Us {reclaimed:1} know how that feels.",
            "My fellow {reclaimed:1} and I went to the march.",
            "I'm {reclaimed} and proud of it.",
            "Call me a {reclaimed}, I wear it with pride.",
            "Being a {reclaimed} is part of who I am.",
            "Me and my {reclaimed:1} are going out tonight.",
            "I am a {reclaimed} and this article gets it right.",
        ],
    },
    Competency {
        name: "civil: ordinary sense",
        uncivil: false,
        flag: "",
        target: "",
        frames: &["{prefix}{ordinary}"],
    },
    Competency {
        name: "civil: counter-speech",
        uncivil: false,
        flag: "",
        target: "",
        frames: &[
            "Saying {group} are {animal} {condemn}.",
            "Calling {group} {negative} {condemn}.",
            "The claim that {group} are {negative} {condemn}.",
            "I'm sick of people saying {group} are {animal}.",
            "Statements like \"{group} are {animal}\" have no place here.",
            "Stop calling {group} {animal}.",
            "Nobody should ever say that {group} deserve to be {violent:3}.",
            "Comparing {group} to {animal} {condemn}.",
            "People who say {group} are {negative} are spreading lies.",
            "\"{group} are {negative}\" is a hateful thing to write.",
            "Saying that {group} should be {violent:3} {condemn}.",
            "It's wrong to claim {group} are {disease} on society.",
        ],
    },
    Competency {
        name: "civil: aimed at things",
        uncivil: false,
        flag: "",
        target: "",
        frames: &[
            "I hate {thing}.",
            "{thing:1} makes me sick.",
            "I'm going to {smash} {thing:1}.",
            "{thing:1} should be {smash:1}.",
            "I could {smash} {thing:1} right now.",
            "{thing} are the worst, I {intense} hate them.",
            "{thing} are {intense} useless.",
            "Someone should {smash} {thing:1}.",
            "{thing:1} deserves to be {smash:1}.",
            "I'm so {disgusted} by {thing:1}.",
        ],
    },
];

/// Indices of the held-out items of a list named `name`: the
/// `HELD_OUT_SHARE` of the list with the lowest seeded hashes.
pub fn held_out(name: &str, items: &[&str]) -> Vec<bool> {
    let n = ((items.len() as f64) * HELD_OUT_SHARE).round() as usize;
    let mut order: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let h = fnv_bytes(SEED.wrapping_mul(0x9E37_79B9_7F4A_7C15), name.as_bytes());
            (fnv_bytes(h, s.as_bytes()), i)
        })
        .collect();
    order.sort_unstable();
    let mut out = vec![false; items.len()];
    for &(_, i) in order.iter().take(n) {
        out[i] = true;
    }
    out
}

/// The text of `tests/functional/heldout.txt`: every held-out filler and
/// frame.
pub fn held_out_listing() -> String {
    let mut s = String::from(
        "# Held out (issue 25): never read these while writing rules or word lists.\n\
         # Written by tests/functional/generated.rs (seed 25); a test checks it is current.\n",
    );
    for slot in SLOTS {
        for (f, h) in slot.fillers.iter().zip(held_out(slot.name, slot.fillers)) {
            if h {
                s.push_str(&format!("slot {}: {f}\n", slot.name));
            }
        }
    }
    for c in COMPETENCIES {
        for (f, h) in c.frames.iter().zip(held_out(c.name, c.frames)) {
            if h {
                s.push_str(&format!("frame {}: {f}\n", c.name));
            }
        }
    }
    s
}

/// One generated case.
#[derive(Debug, Clone)]
pub struct Case {
    /// The text.
    pub text: String,
    /// Uses a held-out frame or filler.
    pub held_out: bool,
}

fn slot(name: &str) -> &'static Slot {
    SLOTS
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no slot {name}"))
}

/// The slot names a frame uses, in order.
fn slots_of(frame: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = frame;
    while let Some(a) = rest.find('{') {
        let b = rest[a..].find('}').expect("closed slot") + a;
        let name = rest[a + 1..b].split([':', '~']).next().expect("slot name");
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[b + 1..];
    }
    out
}

/// `n` cases of `c` from its dev part (`held = false`) or held-out part.
pub fn cases(c: &Competency, held: bool, n: usize) -> Vec<Case> {
    let frames_out = held_out(c.name, c.frames);
    let mut rng = SplitMix64::new(fnv_bytes(SEED ^ u64::from(held), c.name.as_bytes()));
    let mut out = Vec::with_capacity(n);
    let mut tries = 0;
    while out.len() < n && tries < n * 50 {
        tries += 1;
        let f = rng.below(c.frames.len() as u64) as usize;
        let frame = c.frames[f];
        let names = slots_of(frame);
        // A held-out case: a held-out frame with any fillers, or any frame
        // with held-out fillers in every slot.
        let all_fillers_out = held && (!frames_out[f] || rng.below(2) == 0);
        if held && !frames_out[f] && names.is_empty() {
            continue;
        }
        if !held && frames_out[f] {
            continue;
        }
        let mut chosen: Vec<(&str, &str)> = Vec::new();
        for name in names {
            let s = slot(name);
            let out_items = held_out(s.name, s.fillers);
            let pool: Vec<&str> = s
                .fillers
                .iter()
                .zip(&out_items)
                .filter(|(_, &o)| if held { !all_fillers_out || o } else { !o })
                .map(|(f, _)| *f)
                .collect();
            let pick = pool[rng.below(pool.len() as u64) as usize];
            chosen.push((name, pick));
        }
        let variant = chosen
            .iter()
            .find(|(n, _)| *n == "variant")
            .map(|(_, v)| *v);
        let text = fill(frame, &chosen, variant, &mut rng);
        out.push(Case {
            text,
            held_out: held,
        });
    }
    out
}

fn fill(
    frame: &str,
    chosen: &[(&str, &str)],
    variant: Option<&str>,
    rng: &mut SplitMix64,
) -> String {
    let mut s = String::new();
    let mut rest = frame;
    while let Some(a) = rest.find('{') {
        s.push_str(&rest[..a]);
        let b = rest[a..].find('}').expect("closed slot") + a;
        let spec = &rest[a + 1..b];
        let disguise = spec.ends_with('~');
        let spec = spec.trim_end_matches('~');
        let (name, form) = match spec.split_once(':') {
            Some((n, k)) => (n, k.parse::<usize>().expect("form number")),
            None => (spec, 0),
        };
        let filler = chosen
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .expect("slot chosen");
        let forms: Vec<&str> = filler.split('|').collect();
        let word = forms.get(form).copied().unwrap_or(forms[0]);
        if disguise {
            let v = variant.unwrap_or("swap");
            if v == "joined" {
                // Missing space: joined to the word before it.
                while s.ends_with(' ') {
                    s.pop();
                }
            }
            s.push_str(&disguised(word, v, rng));
        } else {
            // "a" before a vowel is "an" ("an Afghan").
            let vowel = word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']);
            if vowel && (s.ends_with(" a ") || s == "a " || s == "A ") {
                s.insert(s.len() - 1, 'n');
            }
            s.push_str(word);
        }
        rest = &rest[b + 1..];
    }
    s.push_str(rest);
    // A frame that opens with a lower-case filler reads as a sentence.
    let mut cs = s.trim_start().chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// `w` disguised by variant `v`; the position comes from `rng`.
pub fn disguised(w: &str, v: &str, rng: &mut SplitMix64) -> String {
    let b: Vec<char> = w.chars().collect();
    let n = b.len();
    // An inner position: not the first letter.
    let mut inner = || 1 + rng.below((n.saturating_sub(2)).max(1) as u64) as usize;
    match v {
        "swap" => {
            let mut c = b.clone();
            let i = inner().min(n - 2);
            c.swap(i, i + 1);
            // Twin letters ("ll") swap to themselves: the next inner pair
            // that differs.
            if c == b {
                if let Some(j) = (1..n - 1).find(|&j| b[j] != b[j + 1]) {
                    c.swap(j, j + 1);
                }
            }
            c.into_iter().collect()
        }
        "drop" => {
            let i = inner();
            b.iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, c)| c)
                .collect()
        }
        "add" => {
            let i = inner();
            let extra = b"aeioustrnk"[rng.below(10) as usize] as char;
            let mut c = b.clone();
            c.insert(i, extra);
            c.into_iter().collect()
        }
        "leet" => b
            .iter()
            .map(|&c| match c {
                'a' => '4',
                'e' => '3',
                'i' => '1',
                'o' => '0',
                's' => '5',
                't' => '7',
                c => c,
            })
            .collect(),
        "spaced" => {
            let parts: Vec<String> = b.iter().map(|c| c.to_string()).collect();
            parts.join(" ")
        }
        _ => w.to_owned(),
    }
}

/// Accuracy of one competency's part.
#[derive(Debug, Default, Clone)]
pub struct Part {
    /// Cases scored.
    pub cases: usize,
    /// Cases that came out as expected.
    pub passed: usize,
    /// Failures (dev part only; held-out texts are never shown).
    pub failures: Vec<String>,
}

impl Part {
    /// Share passed.
    pub fn accuracy(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            self.passed as f64 / self.cases as f64
        }
    }
}

/// True when `text` comes out as `c` expects; the reason when not.
pub fn check(c: &Competency, scorer: Scorer<'_>, text: &str) -> Result<(), String> {
    let s = score_text(scorer, text);
    let mut wrong = Vec::new();
    if s.score.uncivil != c.uncivil {
        wrong.push(format!(
            "uncivil {} (score {:.3})",
            u8::from(s.score.uncivil),
            s.score.incivility
        ));
    }
    if c.uncivil && !c.flag.is_empty() {
        let at = FLAG_COLUMNS
            .iter()
            .position(|f| *f == c.flag)
            .expect("known flag");
        if !s.score.flags[at] {
            wrong.push(format!("no {}", c.flag));
        }
    }
    if !c.target.is_empty() && s.target.target.as_str() != c.target {
        wrong.push(format!("target {:?}", s.target.target.as_str()));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{} [evidence: {}]", wrong.join(", "), s.evidence))
    }
}

/// Scores `n` cases of the dev or held-out part of `c`.
pub fn run_part(c: &Competency, scorer: Scorer<'_>, held: bool, n: usize) -> Part {
    let mut p = Part::default();
    for case in cases(c, held, n) {
        p.cases += 1;
        match check(c, scorer, &case.text) {
            Ok(()) => p.passed += 1,
            Err(why) if !held => p.failures.push(format!("{:?}: {why}", case.text)),
            Err(_) => {}
        }
    }
    p
}
