//! The five pages the project started from (read from ../shared/seeds).

use threadwatch::input::read_thread;

use crate::support::shared;

#[test]
fn all_five_seeds_parse() {
    let Some(dir) = shared("seeds") else { return };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let counts: Vec<usize> = files
        .iter()
        .map(|f| read_thread(f).unwrap_or_else(|e| panic!("{e}")).tree.len())
        .collect();
    assert_eq!(counts, [0, 0, 19, 0, 0]);
}

#[test]
fn seed_titles_are_headlines_not_chrome() {
    let Some(dir) = shared("seeds") else { return };
    let title = |name: &str| read_thread(&dir.join(name)).unwrap().title;
    assert_eq!(
        title("000_9c4b2df82bf3c3e9.txt"),
        "US promises Mexico no mass deportations or military force"
    );
    assert_eq!(
        title("001_7e32a8f33e5e247a.txt"),
        "No mass deportations, US assures Mexico"
    );
    assert_eq!(
        title("002_87b1f74d6afc39eb.txt"),
        "No mass deportations, US assures Mexico"
    );
}

/// The tree issue 2 gives for seed 002: id, author, depth, bullet line.
const SEED_002_TREE: &str = "\
1 Brooklyn_Reader 1 49 | 1.1 (anonymous) 2 55 | 1.1.1 Brooklyn_Reader 3 57 | 1.1.1.1 (anonymous) 4 61
1.2 Fred Alexander 2 63 | 1.3 TioDon 2 67 | 1.4 Donald Blair Godier 2 71 | 2 Linda Sonna 1 75
2.1 Donald Blair Godier 2 79 | 3 Blair york 1 83 | 3.1 TioDon 2 87 | 3.1.1 gypsyken 3 91
3.1.1.1 TioDon 4 97 | 3.1.1.1.1 gypsyken 5 107 | 3.1.1.1.2 TioDon 5 111 | 4 richardgrabman 1 119
5 Pesobill 1 125 | 5.1 gypsyken 2 131 | 5.2 Hailey Mannering 2 137";

#[test]
fn seed_002_tree_is_exactly_the_issues() {
    let Some(dir) = shared("seeds") else { return };
    let t = read_thread(&dir.join("002_87b1f74d6afc39eb.txt")).unwrap();
    let got: Vec<String> = t
        .tree
        .with_dotted_ids()
        .map(|(id, dotted)| {
            let c = t.tree.comment(id);
            let author = c.author.as_deref().unwrap_or("(anonymous)");
            format!("{dotted} {author} {} {}", c.depth, c.line)
        })
        .collect();
    let expected: Vec<&str> = SEED_002_TREE.split(['|', '\n']).map(str::trim).collect();
    assert_eq!(got, expected);
}

#[test]
fn seed_002_bodies_and_parents() {
    let Some(dir) = shared("seeds") else { return };
    let t = read_thread(&dir.join("002_87b1f74d6afc39eb.txt")).unwrap();
    let by_id: Vec<(String, threadwatch::CommentId)> =
        t.tree.with_dotted_ids().map(|(id, d)| (d, id)).collect();
    let get = |want: &str| by_id.iter().find(|(d, _)| d == want).unwrap().1;
    // Anonymous: the bullet line is the whole body.
    let anon = t.tree.comment(get("1.1"));
    assert!(anon
        .body
        .starts_with("Yes, well, that would be very humane"));
    // Two paragraphs joined by an empty line; the signature stays body text
    // here (the analyzers decide what a signature is).
    let g = t.tree.comment(get("3.1.1"));
    assert!(g.body.contains("problems.\n\nKenneth Crosby"), "{}", g.body);
    // Consecutive lines without blank lines stay one paragraph.
    let p = t.tree.comment(get("5"));
    assert_eq!(p.body.matches("\n\n").count(), 0);
    assert_eq!(p.body.lines().count(), 3);
    // Parents follow indentation; the depth-5 siblings share a parent.
    let parent = |id| t.tree.parent(get(id)).map(|p| t.tree.comment(p).line);
    assert_eq!(parent("3.1.1.1.2"), Some(97));
    assert_eq!(parent("3.1.1.1.1"), Some(97));
    assert_eq!(parent("1"), None);
    let kids: Vec<u32> = t
        .tree
        .children(get("1"))
        .iter()
        .map(|c| t.tree.comment(*c).line)
        .collect();
    assert_eq!(kids, [55, 63, 67, 71]);
    let top: Vec<u32> = t
        .tree
        .top_level()
        .iter()
        .map(|c| t.tree.comment(*c).line)
        .collect();
    assert_eq!(top, [49, 75, 83, 119, 125]);
}
