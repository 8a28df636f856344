fn main() {
    let pipeline = sitrep_core::Pipeline::standard();
    let text = std::io::read_to_string(std::io::stdin()).unwrap();
    let record = pipeline.run(sitrep_core::Article::text("-", text));
    println!("{}", serde_json::to_string(&record).unwrap());
}
