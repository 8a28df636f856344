//! `cargo xtask bench-hostile`: time and peak memory of `sitrep extract` on hostile inputs, each
//! placed between two good articles, and the length curve of one long article.
//!
//! Every case runs in a child process (the binary given, normally the running `sitrep`), so a
//! crash, a hang or a blown memory budget is measured and reported instead of ending the
//! benchmark. A case passes when the run ends with exit 0 or 1, both neighbours are extracted,
//! and any failure is one stderr line naming the bad input.

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;
use std::fmt;
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD_BEFORE: &str = "The United Nations said on Monday that talks between Armenia and Azerbaijan would resume in Geneva next week.\n";
const GOOD_AFTER: &str =
    "Police in Kenya arrested 12 protesters in Nairobi on Friday, officials said.\n";
/// Sizes are in decimal megabytes, so "50 MB" stays under the default `--max-bytes` (50 MiB).
const MB: usize = 1_000_000;

pub struct Options {
    /// The `sitrep` binary to run.
    pub binary: PathBuf,
    /// A plain-text article whose text fills the long inputs (the bundled wire story).
    pub prose: PathBuf,
    /// Where the generated inputs go (removed afterwards).
    pub work: PathBuf,
    /// Sizes of the long-article curve, in MB.
    pub curve: Vec<usize>,
    /// Per case; a case still running then is killed and reported as a hang.
    pub timeout: Duration,
}

pub struct Report {
    cases: Vec<Case>,
    curve: Vec<Case>,
}

struct Case {
    name: String,
    bytes: u64,
    outcome: Outcome,
}

enum Outcome {
    Ran {
        seconds: f64,
        peak_rss_mb: f64,
        exit: i32,
        neighbours: bool,
        stderr: String,
    },
    Killed {
        seconds: f64,
        why: String,
    },
}

impl Case {
    fn passed(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Ran {
                exit: 0 | 1,
                neighbours: true,
                ..
            }
        )
    }
}

impl Report {
    /// Whether every case passed.
    pub fn passed(&self) -> bool {
        self.cases.iter().chain(&self.curve).all(Case::passed)
    }
}

pub fn run(opts: &Options) -> anyhow::Result<Report> {
    fs::create_dir_all(&opts.work).with_context(|| format!("creating {}", opts.work.display()))?;
    let prose = fs::read_to_string(&opts.prose)
        .with_context(|| format!("reading {}", opts.prose.display()))?;
    let one_line = prose.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = write(&opts.work, "before.txt", GOOD_BEFORE.as_bytes())?;
    let after = write(&opts.work, "after.txt", GOOD_AFTER.as_bytes())?;
    let bench = |name: &str, input: PathBuf| -> anyhow::Result<Case> {
        let case = measure(opts, name, &[before.clone(), input.clone(), after.clone()])?;
        fs::remove_file(&input).ok();
        eprintln!("{name}: done");
        Ok(case)
    };

    let mut cases = Vec::new();
    for tag in ["b", "i", "span"] {
        let html = format!(
            "<html><body>{}deep text</body></html>",
            format!("<{tag}>").repeat(100_000)
        );
        cases.push(bench(
            &format!("100k-deep <{tag}> HTML"),
            write(&opts.work, "deep.html", html.as_bytes())?,
        )?);
    }
    let divs = format!(
        "<html><body>{}<p>{one_line}</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    cases.push(bench(
        "10k-deep <div> HTML",
        write(&opts.work, "divs.html", divs.as_bytes())?,
    )?);
    let tables = format!(
        "<html><body>{}{one_line}</body></html>",
        "<table><tr><td>".repeat(5_000)
    );
    cases.push(bench(
        "5,000 nested tables",
        write(&opts.work, "tables.html", tables.as_bytes())?,
    )?);
    cases.push(bench(
        "50 MB single-line article",
        repeated(&opts.work, "line.txt", &one_line, " ", 50 * MB, "")?,
    )?);
    let paragraphs: Vec<String> = prose
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.trim()))
        .collect();
    cases.push(bench(
        "50 MB of HTML paragraphs",
        repeated(
            &opts.work,
            "page.html",
            &paragraphs.join("\n"),
            "\n",
            50 * MB,
            "<html><body><article>",
        )?,
    )?);
    cases.push(bench("2 GB gzip bomb", gzip_bomb(&opts.work, 2048 * MB)?)?);
    let warc = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http;\x9a msgtype=response\r\n\
        Content-Length: 10\r\n\r\n0123456789\r\n\r\nWARC/1.0\r\n\x00\xff\xfe garbage: \x1b[31m\r\nContent-Length: -1\r\n\r\n";
    cases.push(bench(
        "WARC with garbage headers",
        write(&opts.work, "bad.warc", warc)?,
    )?);

    let mut curve = Vec::new();
    for &mb in &opts.curve {
        let input = repeated(&opts.work, "curve.txt", &one_line, " ", mb * MB, "")?;
        let case = measure(opts, &format!("{mb} MB"), std::slice::from_ref(&input))?;
        fs::remove_file(&input).ok();
        eprintln!("curve {mb} MB: done");
        curve.push(case);
    }
    fs::remove_file(&before).ok();
    fs::remove_file(&after).ok();
    Ok(Report { cases, curve })
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let path = dir.join(name);
    fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// `unit` repeated (joined by `separator`) to `size` bytes, after `head`.
fn repeated(
    dir: &Path,
    name: &str,
    unit: &str,
    separator: &str,
    size: usize,
    head: &str,
) -> anyhow::Result<PathBuf> {
    let path = dir.join(name);
    let mut out = std::io::BufWriter::new(File::create(&path)?);
    out.write_all(head.as_bytes())?;
    let mut written = head.len();
    let piece = format!("{unit}{separator}");
    while written + piece.len() <= size {
        out.write_all(piece.as_bytes())?;
        written += piece.len();
    }
    out.flush()?;
    Ok(path)
}

/// A small `.txt.gz` that inflates to `size` bytes of text.
fn gzip_bomb(dir: &Path, size: usize) -> anyhow::Result<PathBuf> {
    let path = dir.join("bomb.txt.gz");
    let mut gz = GzEncoder::new(
        std::io::BufWriter::new(File::create(&path)?),
        Compression::best(),
    );
    let block = "a ".repeat(1 << 19);
    for _ in 0..size / block.len() {
        gz.write_all(block.as_bytes())?;
    }
    gz.finish()?.flush()?;
    Ok(path)
}

/// Runs `sitrep extract` over `inputs` in a child and measures it.
fn measure(opts: &Options, name: &str, inputs: &[PathBuf]) -> anyhow::Result<Case> {
    let bytes = inputs
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .max()
        .unwrap_or(0);
    let stdout_path = opts.work.join("stdout.jsonl");
    let stderr_path = opts.work.join("stderr.txt");
    let started = Instant::now();
    let mut child = Command::new(&opts.binary)
        .arg("extract")
        .arg("--quiet")
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path)?)
        .stderr(File::create(&stderr_path)?)
        .spawn()
        .with_context(|| format!("running {}", opts.binary.display()))?;
    let pid = child.id() as libc::pid_t;
    let (status, rusage) = loop {
        if let Some(done) = reap(pid)? {
            break done;
        }
        if started.elapsed() > opts.timeout {
            child.kill().ok();
            reap_blocking(pid);
            let why = format!("killed after {} s", opts.timeout.as_secs());
            return Ok(Case {
                name: name.to_string(),
                bytes,
                outcome: Outcome::Killed {
                    seconds: started.elapsed().as_secs_f64(),
                    why,
                },
            });
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    let outcome = if libc::WIFEXITED(status) {
        let neighbours = inputs.len() < 3 || neighbours_kept(&stdout_path)?;
        let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
        Outcome::Ran {
            seconds,
            peak_rss_mb: rusage.ru_maxrss as f64 / 1024.0,
            exit: libc::WEXITSTATUS(status),
            neighbours,
            stderr: stderr
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(110)
                .collect(),
        }
    } else {
        Outcome::Killed {
            seconds,
            why: format!("signal {}", libc::WTERMSIG(status)),
        }
    };
    fs::remove_file(&stdout_path).ok();
    fs::remove_file(&stderr_path).ok();
    Ok(Case {
        name: name.to_string(),
        bytes,
        outcome,
    })
}

/// Whether the first record is the good article before and the last the one after. Only the
/// ends of the output are read: the record between may be hundreds of megabytes, and a large
/// parent would inflate the peak memory the next child reports (Linux children inherit it).
fn neighbours_kept(stdout: &Path) -> anyhow::Result<bool> {
    const END: u64 = 64 * 1024;
    let mut file = File::open(stdout)?;
    let len = file.metadata()?.len();
    let mut head = Vec::new();
    (&mut file).take(END).read_to_end(&mut head)?;
    file.seek(SeekFrom::Start(len.saturating_sub(END)))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let last = tail
        .strip_suffix(b"\n")
        .unwrap_or(&tail)
        .rsplit(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    let record_with = |line: &[u8], word: &str| {
        serde_json::from_slice::<serde_json::Value>(line)
            .ok()
            .and_then(|r| r.get("text")?.as_str().map(|t| t.contains(word)))
            .unwrap_or(false)
    };
    Ok(record_with(first, "Geneva") && record_with(last, "Nairobi"))
}

/// The child's status and resource use once it has ended; `None` while it runs.
fn reap(pid: libc::pid_t) -> anyhow::Result<Option<(i32, libc::rusage)>> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; the pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut rusage) };
    match reaped {
        0 => Ok(None),
        r if r == pid => Ok(Some((status, rusage))),
        _ => Err(std::io::Error::last_os_error()).context("waiting for the child"),
    }
}

fn reap_blocking(pid: libc::pid_t) {
    let mut status = 0;
    // SAFETY: as in `reap`, without resource use.
    unsafe { libc::waitpid(pid, &mut status, 0) };
}

/// Waits for the child to end and returns its status and resource use.
pub(crate) fn wait(pid: libc::pid_t) -> anyhow::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; the pointers are to live locals.
    if unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) } != pid {
        return Err(std::io::Error::last_os_error()).context("waiting for the child");
    }
    Ok((status, rusage))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "Hostile inputs, each between two good articles (sitrep extract, default options):"
        )?;
        writeln!(
            f,
            "{:<28} {:>9} {:>9} {:>10} {:>5} {:>10}  first stderr line",
            "case", "MB", "seconds", "peak MB", "exit", "neighbours"
        )?;
        for case in &self.cases {
            row(f, case)?;
        }
        writeln!(
            f,
            "\nOne long single-line article, time by length (linear when seconds per MB stays flat):"
        )?;
        writeln!(
            f,
            "{:<10} {:>9} {:>10} {:>11}",
            "size", "seconds", "peak MB", "s per MB"
        )?;
        for case in &self.curve {
            match &case.outcome {
                Outcome::Ran {
                    seconds,
                    peak_rss_mb,
                    ..
                } => {
                    let mb = case.bytes as f64 / MB as f64;
                    writeln!(
                        f,
                        "{:<10} {seconds:>9.2} {peak_rss_mb:>10.0} {:>11.3}",
                        case.name,
                        seconds / mb
                    )?
                }
                Outcome::Killed { seconds, why } => {
                    writeln!(f, "{:<10} {seconds:>9.2} {why}", case.name)?
                }
            }
        }
        let failed = self
            .cases
            .iter()
            .chain(&self.curve)
            .filter(|c| !c.passed())
            .count();
        write!(
            f,
            "\nhostile: {} passed, {failed} failed",
            self.cases.len() + self.curve.len() - failed
        )
    }
}

fn row(f: &mut fmt::Formatter, case: &Case) -> fmt::Result {
    let mb = case.bytes as f64 / MB as f64;
    match &case.outcome {
        Outcome::Ran {
            seconds,
            peak_rss_mb,
            exit,
            neighbours,
            stderr,
        } => writeln!(
            f,
            "{:<28} {mb:>9.2} {seconds:>9.2} {peak_rss_mb:>10.0} {exit:>5} {:>10}  {stderr}",
            case.name,
            if *neighbours { "both" } else { "LOST" }
        ),
        Outcome::Killed { seconds, why } => {
            writeln!(
                f,
                "{:<28} {mb:>9.2} {seconds:>9.2} {:>10} {:>5} {:>10}  {why}",
                case.name, "-", "-", "LOST"
            )
        }
    }
}
