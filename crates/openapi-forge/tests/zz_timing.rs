#[test]
#[ignore]
fn timing() {
    let file = std::env::var("SPEC").unwrap();
    let t = std::time::Instant::now();
    let docs = openapi_forge::load::load(std::path::Path::new(&file)).unwrap();
    let l = t.elapsed();
    let r = openapi_forge::resolve::resolve(&docs).unwrap();
    println!(
        "load {:?} total {:?} types {} ops {} warnings {}",
        l,
        t.elapsed(),
        r.api.types.len(),
        r.api.operations.len(),
        r.warnings.len()
    );
    let mut kinds = std::collections::BTreeMap::new();
    for w in &r.warnings {
        *kinds
            .entry(w.message.chars().take(60).collect::<String>())
            .or_insert(0) += 1;
    }
    for (k, v) in kinds {
        println!("{v:6} {k}");
    }
}
