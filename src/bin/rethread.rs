//! The `rethread` command: parses a saved discussion and prints its thread,
//! or generates a synthetic one for benchmarks.
//!
//! ```text
//! rethread parse [FILE|-] [--format json|outline|spans] [--lossy]
//! rethread generate --bytes N [--seed S]
//! ```

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

/// The synopsis that follows a usage error.
const SHORT_USAGE: &str = "\
usage: rethread parse [FILE|-] [--format json|outline|spans] [--lossy]
       rethread generate --bytes N [--seed S]";

/// What `--help` prints.
const USAGE: &str = "\
usage: rethread parse [FILE|-] [--format json|outline|spans] [--lossy]
       rethread generate --bytes N [--seed S]
       rethread --help

parse      reads a saved discussion (FILE, or standard input when FILE is - or
           missing) and prints its comment thread
  --format json     the comment tree as JSON (default)
  --format outline  an indented tree, one line per comment
  --format spans    one line per part of the input: KIND START END
  --lossy           decode invalid UTF-8 with replacement characters
generate   writes a synthetic blog thread of about N bytes to standard output
  --bytes N         the size: 1000000, 64KB, 1MB, 10MB, 100MB (1 MB = 1,000,000 bytes)
  --seed S          another thread of the same kind (a whole number; the
                    benchmarks' threads are those without --seed)";

/// How to print the thread.
#[derive(Clone, Copy)]
enum Format {
    Json,
    Outline,
    Spans,
}

/// What the command line asks for.
enum Command {
    /// Print the usage text and succeed.
    Help,
    /// Parse a file or standard input.
    Parse(ParseArgs),
    /// Write a generated thread of about this many bytes, from this
    /// seed (the generator's own when `None`).
    Generate { bytes: usize, seed: Option<u64> },
}

/// The arguments of `rethread parse`.
struct ParseArgs {
    input: Option<String>,
    format: Format,
    lossy: bool,
}

/// Why the command failed, which decides whether the synopsis follows the message.
enum Failure {
    /// The command line was wrong: the message, then a hint at `--help`.
    Usage(String),
    /// The command was right but its input or output failed.
    Input(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Input(message)
    }
}

fn parse_command(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let args: Vec<String> = args.collect();
    // Asking for help anywhere ("rethread parse --help") gets the help.
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Command::Help);
    }
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("parse") => parse_parse_args(args).map(Command::Parse),
        Some("generate") => parse_generate_args(args),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        None => Err("no command given".to_string()),
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

fn parse_parse_args(mut args: impl Iterator<Item = String>) -> Result<ParseArgs, String> {
    let mut parsed = ParseArgs { input: None, format: Format::Json, lossy: false };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                let value = args.next().ok_or("--format needs a value: json, outline or spans")?;
                parsed.format = format_named(&value)?;
            }
            "--json" => parsed.format = Format::Json,
            "--lossy" => parsed.lossy = true,
            _ if arg.starts_with("--format=") => parsed.format = format_named(&arg["--format=".len()..])?,
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option {arg:?}")),
            _ if parsed.input.is_none() => parsed.input = Some(arg),
            _ => return Err(format!("only one input file, got {arg:?} too")),
        }
    }
    Ok(parsed)
}

fn parse_generate_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut bytes, mut seed) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bytes" | "-b" => bytes = Some(args.next().ok_or("--bytes needs a size, such as 10MB")?),
            "--seed" => seed = Some(args.next().ok_or("--seed needs a whole number")?),
            _ if arg.starts_with("--bytes=") => bytes = Some(arg["--bytes=".len()..].to_string()),
            _ if arg.starts_with("--seed=") => seed = Some(arg["--seed=".len()..].to_string()),
            _ => return Err(format!("unknown argument to generate: {arg:?}")),
        }
    }
    let bytes = rethread::generate::parse_size(&bytes.ok_or("generate needs --bytes N, such as --bytes 10MB")?)?;
    let seed = seed.map(|s| s.parse::<u64>().map_err(|_| format!("--seed takes a whole number, got {s:?}"))).transpose()?;
    Ok(Command::Generate { bytes, seed })
}

fn format_named(name: &str) -> Result<Format, String> {
    match name {
        "json" => Ok(Format::Json),
        "outline" => Ok(Format::Outline),
        "spans" => Ok(Format::Spans),
        _ => Err(format!("unknown format {name:?}: use json, outline or spans")),
    }
}

/// Reads the input bytes; the name is for messages.
fn read_input(input: Option<&str>) -> Result<(String, Vec<u8>), String> {
    match input {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: {e}"))?;
            Ok(("<stdin>".to_string(), bytes))
        }
        Some(path) => {
            let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {}", io_reason(&e)))?;
            if meta.is_dir() {
                return Err(format!("{path}: is a directory, not a text file"));
            }
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {}", io_reason(&e)))?;
            Ok((path.to_string(), bytes))
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes the bytes as UTF-8 (a BOM is dropped), refusing binary data.
fn decode(name: &str, mut bytes: Vec<u8>, lossy: bool) -> Result<String, String> {
    if let Some(kind) = rethread::binary::sniff(&bytes) {
        // Every kind names a format ("a PNG image") except the NUL-byte one,
        // which already says it is binary.
        let what = if kind.contains("binary") { kind.to_string() } else { format!("binary: {kind}") };
        return Err(format!("{name}: refused, the file is {what}; rethread reads text only"));
    }
    if u32::try_from(bytes.len()).is_err() {
        return Err(format!("{name}: larger than 4 GiB; rethread reads texts up to 4 GiB"));
    }
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        // Drained in place: a copy would double the memory a large input takes.
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "{name}: not valid UTF-8 (first bad byte at offset {}); use --lossy to replace bad bytes",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// Runs `write` against a buffered standard output, treating a closed pipe
/// (`| head`) as success: the reader has seen what it wanted.
fn with_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), String> {
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("<stdout>: {e}")),
    }
}

fn run_parse(args: ParseArgs) -> Result<(), String> {
    let (name, bytes) = read_input(args.input.as_deref())?;
    let text = decode(&name, bytes, args.lossy)?;
    let thread = rethread::parse(&text);
    // The input is no longer needed: the thread owns its strings. Freeing it
    // before printing keeps the peak memory of large inputs down.
    drop(text);
    with_stdout(|out| {
        let ended_with_newline = match args.format {
            Format::Json => rethread::outline::write_json(out, &thread)?,
            Format::Outline => rethread::outline::write_outline(out, &thread)?,
            Format::Spans => rethread::outline::write_spans(out, &thread)?,
        };
        if !ended_with_newline {
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

fn run(args: impl Iterator<Item = String>) -> Result<(), Failure> {
    match parse_command(args).map_err(Failure::Usage)? {
        Command::Help => Ok(with_stdout(|out| writeln!(out, "{USAGE}"))?),
        Command::Parse(args) => Ok(run_parse(args)?),
        Command::Generate { bytes, seed } => {
            let generated = match seed {
                Some(seed) => rethread::generate::generate_with_seed(bytes, seed),
                None => rethread::generate::generate(bytes),
            };
            Ok(with_stdout(|out| out.write_all(generated.text.as_bytes()))?)
        }
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("rethread: {message}\n{SHORT_USAGE}\n(rethread --help explains every option)");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("rethread: {message}");
            ExitCode::from(2)
        }
    }
}
