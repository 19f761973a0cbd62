use super::Blank;

#[test]
fn blank_in_pieces_is_blank_whole() {
    let cases: [&[u8]; 7] = [
        b"",
        b" \n\t",
        "\u{feff} \u{a0}\n".as_bytes(),
        b"  x ",
        "\u{a0}\u{a0}".as_bytes(),
        b"\xef\xbb",
        b"\xc2",
    ];
    for bytes in cases {
        for cut in 0..=bytes.len() {
            let mut b = Blank::default();
            b.feed(&bytes[..cut]);
            b.feed(&bytes[cut..]);
            assert_eq!(
                b.done(),
                crate::input::is_blank(bytes),
                "{bytes:?} cut at {cut}"
            );
        }
    }
}
