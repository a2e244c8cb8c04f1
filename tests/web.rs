//! The wasm boundary, tested in real browsers (headless Chrome and Firefox
//! through wasm-bindgen-test; `scripts/test-wasm.sh` runs both): what the
//! page receives from `parse` and `authorColor` for the seed thread, with
//! `null` for missing values and spans in UTF-16 offsets.
#![cfg(target_arch = "wasm32")]

use rethread::wasm::{author_color, parse};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "common/seed.rs"]
mod seed;

wasm_bindgen_test_configure!(run_in_browser);

/// The seed page, as the fixtures hold it.
const SEED: &str = include_str!("fixtures/seed.txt");

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get(target, key)`: reads a property without converting it.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.stringify(value)`: drops properties that are `undefined`, keeps `null` ones.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// A JavaScript string, for slicing by UTF-16 offsets as the page does.
    #[wasm_bindgen(js_name = String)]
    type JsString;

    /// `String.prototype.slice(start, end)`.
    #[wasm_bindgen(method)]
    fn slice(this: &JsString, start: f64, end: f64) -> String;
}

/// Reads `object[key]`, failing the test when `object` is not an object.
fn get(object: &JsValue, key: &str) -> JsValue {
    reflect_get(object, &JsValue::from_str(key)).expect("Reflect.get on a non-object")
}

/// Reads `array[index]`.
fn at(array: &JsValue, index: u32) -> JsValue {
    reflect_get(array, &JsValue::from_f64(f64::from(index))).expect("Reflect.get on a non-object")
}

/// The value as JSON, through the browser's own `JSON.stringify`.
fn to_json(value: &JsValue) -> serde_json::Value {
    let text = json_stringify(value).expect("stringify").as_string().expect("a string");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Slices `text` by UTF-16 offsets in JavaScript.
fn js_slice(text: &str, span: &serde_json::Value) -> String {
    let js: JsString = JsValue::from_str(text).unchecked_into();
    js.slice(span[0].as_f64().unwrap(), span[1].as_f64().unwrap())
}

#[wasm_bindgen_test]
fn seed_has_the_expected_shape() {
    let view = to_json(&parse(SEED).unwrap());
    assert_eq!(view["declaredCount"], seed::DECLARED_COUNT);
    assert_eq!(view["dialect"], "blog");
    assert_eq!(view["title"].as_str(), SEED.lines().next());
    let comments = view["comments"].as_array().expect("comments array");
    assert_eq!(comments.len(), 9);
    // Compared as JSON values, so that a parent must be `null` or the number.
    let parents: Vec<&serde_json::Value> = comments.iter().map(|c| &c["parent"]).collect();
    let expected_parents: Vec<serde_json::Value> = seed::PARENTS.iter().map(|p| serde_json::json!(p)).collect();
    assert_eq!(parents, expected_parents.iter().collect::<Vec<_>>());
    let authors: Vec<Option<&str>> = comments.iter().map(|c| c["author"].as_str()).collect();
    assert_eq!(authors, seed::AUTHORS);
    let depths: Vec<u64> = comments.iter().map(|c| c["depth"].as_u64().unwrap()).collect();
    assert_eq!(depths, [1, 1, 1, 1, 2, 3, 1, 1, 1]);
    let ids: Vec<u64> = comments.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    let reply_counts: Vec<u64> = comments.iter().map(|c| c["replyCount"].as_u64().unwrap()).collect();
    assert_eq!(reply_counts, [0, 0, 0, 2, 1, 0, 0, 0, 0]);
    let numbers: Vec<Option<u64>> = comments.iter().map(|c| c["number"].as_u64()).collect();
    assert_eq!(numbers, seed::NUMBERS.map(|n| n.map(u64::from)));
}

#[wasm_bindgen_test]
fn missing_values_are_null_not_undefined() {
    let view = parse(SEED).unwrap();
    let first = at(&get(&view, "comments"), 0);
    for key in ["author", "parent"] {
        let value = get(&first, key);
        assert!(value.is_null(), "comments[0].{key} is {value:?}, not null");
    }
    assert!(get(&first, "color").is_null(), "an anonymous comment has a null colour");
    // JSON.stringify drops undefined properties, so every key must survive it.
    let json = to_json(&view);
    let thread_keys = ["title", "article", "declaredCount", "dialect", "comments", "diagnostics"];
    for key in thread_keys {
        assert!(json.get(key).is_some(), "thread.{key} is missing or undefined");
    }
    let comment_keys = ["id", "parent", "depth", "number", "author", "date", "body", "bodyHtml", "color", "span", "replyCount"];
    for (i, comment) in json["comments"].as_array().unwrap().iter().enumerate() {
        for key in comment_keys {
            assert!(comment.get(key).is_some(), "comments[{i}].{key} is missing or undefined");
        }
        assert_eq!(comment.as_object().unwrap().len(), comment_keys.len(), "comments[{i}] has extra keys");
    }
    // A text with nothing in it: every optional field of the thread is null.
    let empty = parse("").unwrap();
    for key in ["title", "article", "declaredCount"] {
        assert!(get(&empty, key).is_null(), "empty thread's {key} is not null");
    }
}

#[wasm_bindgen_test]
fn spans_are_utf16_offsets_into_the_seed() {
    let json = to_json(&parse(SEED).unwrap());
    let thread = rethread::parse(SEED);
    for (comment, native) in json["comments"].as_array().unwrap().iter().zip(&thread.comments) {
        let expected = &SEED[native.span.range()];
        assert_eq!(js_slice(SEED, &comment["span"]), expected, "comment {}", native.id);
    }
    // The seed has curly quotes and dashes before its comments, so UTF-16
    // offsets must differ from byte offsets there.
    let last = thread.comments.last().unwrap();
    assert_ne!(json["comments"][8]["span"][0].as_u64().unwrap() as usize, last.span.start as usize);
}

#[wasm_bindgen_test]
fn spans_slice_the_right_text_past_astral_characters() {
    let text = "😺 Cats 🐈 – a title\n\n2 Responses to Cats\n\n  1. Ann says:\n     Hi 😺 there, ünï.\n  2. Bob says:\n     Yo 🐈🐈.\n";
    let json = to_json(&parse(text).unwrap());
    let comments = json["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{json}");
    let first = js_slice(text, &comments[0]["span"]);
    let second = js_slice(text, &comments[1]["span"]);
    assert!(first.contains("Ann says:") && first.contains("Hi 😺 there, ünï."), "{first:?}");
    assert!(second.contains("Bob says:") && second.contains("Yo 🐈🐈."), "{second:?}");
    assert!(!first.contains("Bob"), "{first:?}");
    let native = rethread::parse(text);
    for (comment, native) in comments.iter().zip(&native.comments) {
        assert_eq!(js_slice(text, &comment["span"]), &text[native.span.range()]);
    }
}

#[wasm_bindgen_test]
fn colours_and_body_html_cross_the_boundary() {
    let json = to_json(&parse(SEED).unwrap());
    let comments = json["comments"].as_array().unwrap();
    let czar = to_json(&author_color("czarowniczy").unwrap());
    let expected = rethread::color::author_color("czarowniczy");
    assert_eq!(czar["light"], expected.light.as_str());
    assert_eq!(czar["dark"], expected.dark.as_str());
    assert_eq!(comments[3]["color"], czar);
    assert_eq!(comments[5]["color"], czar);
    assert_ne!(comments[7]["color"], czar, "mills and czarowniczy share a colour");
    for comment in comments {
        let html = comment["bodyHtml"].as_str().unwrap();
        assert!(html.starts_with("<p>"), "{html}");
        assert_eq!(html, rethread::body::body_to_html(comment["body"].as_str().unwrap()));
    }
}

#[wasm_bindgen_test]
fn hostile_bodies_arrive_escaped() {
    let text = "Title\n\n2 Responses to Title\n\n  1. Ann says:\n     <script>alert(1)</script> <img src=x onerror=alert(1)>\n  2. Bob says:\n     [x](javascript:alert(1)) see https://example.org/a?b=1&c=2.\n";
    let json = to_json(&parse(text).unwrap());
    let comments = json["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{json}");
    let first = comments[0]["bodyHtml"].as_str().unwrap();
    assert!(first.contains("&lt;script&gt;") && !first.contains("<script") && !first.contains("<img"), "{first}");
    let second = comments[1]["bodyHtml"].as_str().unwrap();
    assert!(!second.contains("href=\"javascript"), "{second}");
    assert!(second.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">"), "{second}");
}
