//! The `rethread` command: parses a saved discussion and prints its thread.
//!
//! ```text
//! rethread parse [FILE|-] [--format json|outline|spans] [--lossy]
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: rethread parse [FILE|-] [--format json|outline|spans] [--lossy]";

/// How to print the thread.
#[derive(Clone, Copy)]
enum Format {
    Json,
    Outline,
    Spans,
}

/// What the command line asks for.
struct Args {
    input: Option<String>,
    format: Format,
    lossy: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("parse") => {}
        Some("-h" | "--help") | None => return Err(USAGE.to_string()),
        Some(other) => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    let mut parsed = Args { input: None, format: Format::Json, lossy: false };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                let value = args.next().ok_or("--format needs a value: json, outline or spans")?;
                parsed.format = format_named(&value)?;
            }
            "--json" => parsed.format = Format::Json,
            "--lossy" => parsed.lossy = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if arg.starts_with("--format=") => parsed.format = format_named(&arg["--format=".len()..])?,
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option {arg:?}\n{USAGE}")),
            _ if parsed.input.is_none() => parsed.input = Some(arg),
            _ => return Err(format!("only one input file, got {arg:?} too\n{USAGE}")),
        }
    }
    Ok(parsed)
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
fn decode(name: &str, bytes: Vec<u8>, lossy: bool) -> Result<String, String> {
    if let Some(kind) = rethread::binary::sniff(&bytes) {
        return Err(format!("{name}: looks like {kind}, not text; rethread reads text only"));
    }
    let bytes = match bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "{name}: not valid UTF-8 (first bad byte at offset {}); use --lossy to replace bad bytes",
            e.utf8_error().valid_up_to()
        )),
    }
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1))?;
    let (name, bytes) = read_input(args.input.as_deref())?;
    let text = decode(&name, bytes, args.lossy)?;
    let thread = rethread::parse(&text);
    let mut printed = match args.format {
        Format::Json => rethread::outline::to_json(&thread),
        Format::Outline => rethread::outline::to_outline(&thread),
        Format::Spans => rethread::outline::to_spans(&thread),
    };
    if !printed.ends_with('\n') {
        printed.push('\n');
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(printed.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("<stdout>: {e}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rethread: {message}");
            ExitCode::from(2)
        }
    }
}
