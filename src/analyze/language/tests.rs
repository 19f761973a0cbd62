use super::{detect, not_scored};

#[test]
fn r25_languages_are_told_apart() {
    assert_eq!(
        detect("Eres un imbécil y nadie quiere leer tus comentarios en este periódico."),
        Some("es")
    );
    assert_eq!(
        detect("Tu es vraiment un crétin, personne ne veut lire tes commentaires ici."),
        Some("fr")
    );
    assert_eq!(
        detect("Du bist wirklich ein Idiot, niemand will deine Kommentare hier lesen."),
        Some("de")
    );
    assert_eq!(
        detect("Você é um idiota, ninguém quer ler os seus comentários neste jornal."),
        Some("pt")
    );
    assert_eq!(
        detect("You are an idiot and nobody wants to read your comments here."),
        Some("en")
    );
    assert_eq!(not_scored("es"), "not scored: language es");
}

#[test]
fn r25_short_or_mixed_english_is_never_another_language() {
    for text in [
        "Cállate, imbécil.",
        "lol",
        "Merci beaucoup!",
        "Gracias amigo, see you at the fiesta tonight.",
        "The Bundesliga match in Dortmund was great fun to watch.",
        "Jose Garcia and Maria Fernandez won the Madrid marathon.",
    ] {
        let got = detect(text);
        assert!(got.is_none() || got == Some("en"), "{text}: {got:?}");
    }
}
