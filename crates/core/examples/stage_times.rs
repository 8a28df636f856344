fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let p = sitrep_core::Pipeline::standard();
    let body = if path.ends_with(".html") { sitrep_core::Body::Html(text) } else { sitrep_core::Body::Text(text) };
    let a = sitrep_core::ingest::Article { id: None, origin: "x".into(), body, url: None, title: None, published: None, warnings: vec![] };
    let mut doc = p.document(a);
    for stage in p.stages() {
        let t = std::time::Instant::now();
        stage.run(&mut doc);
        eprintln!("{:10} {:8.3}s", stage.name(), t.elapsed().as_secs_f64());
    }
}
