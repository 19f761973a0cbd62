use super::{batches, Input, DIRECT_BYTES};

#[test]
fn big_inputs_are_batches_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let sizes = [1_000, DIRECT_BYTES, 1_000, 1_000, DIRECT_BYTES * 5, 1_000];
    let inputs: Vec<Input> = sizes
        .iter()
        .enumerate()
        .map(|(i, &size)| {
            let p = dir.path().join(format!("{i}.txt"));
            // Sparse files: the size is all that is read.
            std::fs::File::create(&p).unwrap().set_len(size).unwrap();
            Input::File(p)
        })
        .collect();
    let lens: Vec<usize> = batches(&inputs, &[]).iter().map(|b| b.len()).collect();
    assert_eq!(lens, [1, 1, 2, 1, 1]);
    // Nothing is lost or reordered.
    let flat: Vec<&Input> = batches(&inputs, &[]).into_iter().flatten().collect();
    assert_eq!(flat, inputs.iter().collect::<Vec<_>>());
}
