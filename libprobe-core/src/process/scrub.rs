//! Secrets in command lines: what `process.cmdline_scrub` (on by default) replaces.
//!
//! Programs are often started with credentials on their command line (`--password=…`,
//! `mysql://user:pass@host`, `PGPASSWORD=… psql`), and any user can read any process's
//! command line. libprobe replaces those values with `********` before a command line
//! reaches a snapshot — so the JSON, the text report and every binding show the scrubbed
//! form. `process.cmdline_scrub = false` gives the raw bytes.
//!
//! Each argument is read as whitespace-separated tokens (so `sh -c "cmd --token x"` is
//! scrubbed too). A token's *name* is what precedes its first `=` (leading `-` removed),
//! or the whole token after its leading `-` when it has no `=`. A name **matches** when,
//! lower-cased and with `-` read as `_`, it contains one of the words `password`,
//! `passwd`, `secret`, `token`, `api_key`, `apikey`, `access_key`, `auth`, or a word of
//! `process.cmdline_scrub_words` (normalised the same way). Then:
//!
//! | token | becomes |
//! |---|---|
//! | `--password=hunter2`, `-db-password=x`, `PGPASSWORD=x`, `api_key=x` | `--password=********`, … (the value after `=`) |
//! | `--password hunter2` (two arguments, or two tokens of one) | `--password ********` (the next token, whatever it is) |
//! | `scheme://user:pass@host/…` anywhere in a token | `scheme://user:********@host/…` |
//!
//! Nothing else is changed: argument count, separators and every other byte stay as the
//! kernel gave them. Not scrubbed: values glued to a short flag (`-phunter2`), secrets in
//! positional arguments, names outside the list. Substring matching errs on the safe
//! side: `--author=x` and the argument after `--no-auth` are scrubbed too. `environ` is
//! never scrubbed: it is not collected unless asked for by name.

use crate::text::ByteStr;

/// What replaces a secret value.
pub const MASK: &[u8] = b"********";

/// The built-in names whose values are scrubbed.
pub const WORDS: [&str; 8] = ["password", "passwd", "secret", "token", "api_key", "apikey", "access_key", "auth"];

/// A command-line scrubber for one snapshot's options.
#[derive(Debug, Clone)]
pub(crate) struct Scrubber {
    words: Vec<Vec<u8>>,
}

/// Lower-cased, `-` as `_`.
fn normalise(b: u8) -> u8 {
    if b == b'-' { b'_' } else { b.to_ascii_lowercase() }
}

/// Whether scrubbing `arg` can change anything when no flag before it matched: a token
/// changes only when it holds a `=` or a `://`, and only a token starting with `-` can mask
/// the next one. Without those three bytes the token walk is skipped. The check reads 64
/// bytes at a time with no early exit inside a block, which the compiler vectorises: Java
/// class paths and other arguments of hundreds of KiB are common, and the walk costs about
/// 10 ns per byte where this costs a small fraction of one.
fn may_change(arg: &[u8]) -> bool {
    arg.chunks(64).any(|block| block.iter().fold(false, |hit, &b| hit | matches!(b, b'=' | b':' | b'-')))
}

impl Scrubber {
    /// The built-in words and `extra`.
    pub(crate) fn new(extra: &[String]) -> Scrubber {
        let words = WORDS
            .iter()
            .map(|w| w.as_bytes())
            .chain(extra.iter().map(String::as_bytes))
            .map(|w| w.iter().copied().map(normalise).collect::<Vec<u8>>())
            .filter(|w| !w.is_empty())
            .collect();
        Scrubber { words }
    }

    fn matches(&self, name: &[u8]) -> bool {
        let name = name.strip_prefix(b"--").or_else(|| name.strip_prefix(b"-")).unwrap_or(name);
        if name.is_empty() {
            return false;
        }
        let norm: Vec<u8> = name.iter().copied().map(normalise).collect();
        self.words.iter().any(|w| norm.windows(w.len()).any(|win| win == w.as_slice()))
    }

    /// Scrubs `args` in place.
    pub(crate) fn scrub(&self, args: &mut [ByteStr]) {
        let mut pending = false;
        for arg in args.iter_mut() {
            if !pending && !may_change(arg.as_bytes()) {
                continue;
            }
            if let Some(new) = self.scrub_arg(arg.as_bytes(), &mut pending) {
                *arg = ByteStr::new(new);
            }
        }
    }

    /// The scrubbed argument, or `None` when nothing in it changes.
    fn scrub_arg(&self, arg: &[u8], pending: &mut bool) -> Option<Vec<u8>> {
        let mut out: Option<Vec<u8>> = None;
        let mut i = 0;
        while i < arg.len() {
            let ws = arg[i..].iter().position(|b| !b.is_ascii_whitespace()).map_or(arg.len(), |n| i + n);
            if let Some(o) = out.as_mut() {
                o.extend_from_slice(&arg[i..ws]);
            }
            if ws == arg.len() {
                break;
            }
            let end = arg[ws..].iter().position(u8::is_ascii_whitespace).map_or(arg.len(), |n| ws + n);
            let token = &arg[ws..end];
            match self.scrub_token(token, pending) {
                Some(new) => {
                    let o = out.get_or_insert_with(|| arg[..ws].to_vec());
                    o.extend_from_slice(&new);
                }
                None => {
                    if let Some(o) = out.as_mut() {
                        o.extend_from_slice(token);
                    }
                }
            }
            i = end;
        }
        out
    }

    fn scrub_token(&self, token: &[u8], pending: &mut bool) -> Option<Vec<u8>> {
        if std::mem::take(pending) {
            return Some(MASK.to_vec());
        }
        let mut t: Option<Vec<u8>> = None;
        // `scheme://user:password@host`: the password.
        if let Some(i) = token.windows(3).position(|w| w == b"://") {
            let start = i + 3;
            let host_end =
                token[start..].iter().position(|&b| matches!(b, b'/' | b'?' | b'#')).map_or(token.len(), |n| start + n);
            if let Some(at) = token[start..host_end].iter().rposition(|&b| b == b'@').map(|n| start + n)
                && let Some(colon) = token[start..at].iter().position(|&b| b == b':').map(|n| start + n)
                && colon + 1 < at
            {
                let mut v = token[..=colon].to_vec();
                v.extend_from_slice(MASK);
                v.extend_from_slice(&token[at..]);
                t = Some(v);
            }
        }
        let cur = t.as_deref().unwrap_or(token);
        match cur.iter().position(|&b| b == b'=') {
            Some(eq) if self.matches(&cur[..eq]) && eq + 1 < cur.len() => {
                let mut v = cur[..=eq].to_vec();
                v.extend_from_slice(MASK);
                return Some(v);
            }
            Some(_) => {}
            None if cur.starts_with(b"-") && self.matches(cur) => *pending = true,
            None => {}
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &Scrubber, args: &[&str]) -> Vec<String> {
        let mut v: Vec<ByteStr> = args.iter().map(|a| ByteStr::from(*a)).collect();
        s.scrub(&mut v);
        v.iter().map(|a| a.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn scrubs_the_documented_forms() {
        let s = Scrubber::new(&[]);
        assert_eq!(
            run(&s, &["mysql", "--password=hunter2", "--user", "bob", "--api-key", "k1", "-auth", "x", "--token"]),
            ["mysql", "--password=********", "--user", "bob", "--api-key", "********", "-auth", "********", "--token"]
        );
        assert_eq!(
            run(&s, &["env", "PGPASSWORD=pw", "DB_Secret=s", "HOME=/root"]),
            ["env", "PGPASSWORD=********", "DB_Secret=********", "HOME=/root"]
        );
        assert_eq!(
            run(&s, &["psql", "postgres://bob:pw@db:5432/x?sslmode=require"]),
            ["psql", "postgres://bob:********@db:5432/x?sslmode=require"]
        );
        assert_eq!(run(&s, &["curl", "https://h/x?access_key=AK&y=1"]), ["curl", "https://h/x?access_key=********"]);
        // One argument holding a whole shell command.
        assert_eq!(
            run(&s, &["sh", "-c", "app --secret  s3 --port 80"]),
            ["sh", "-c", "app --secret  ******** --port 80"]
        );
    }

    #[test]
    fn leaves_everything_else_alone() {
        let s = Scrubber::new(&[]);
        let plain = ["python3", "-m", "http.server", "--bind", "::1", "x=y", "--password=", "-p", "https://h/p"];
        assert_eq!(run(&s, &plain), plain);
        let bytes = ByteStr::new(b"--tok\xffen=1".to_vec());
        let mut v = vec![bytes.clone()];
        s.scrub(&mut v);
        assert_eq!(v, [bytes]);
    }

    proptest::proptest! {
        /// The shortcut in `scrub` is exact: an argument it skips is one the token walk
        /// would leave alone without masking the next.
        #[test]
        fn skipped_arguments_are_left_alone(arg in proptest::collection::vec(
            proptest::sample::select(b"ab =:-/@\tpassword".to_vec()), 0..80)
        ) {
            let s = Scrubber::new(&[]);
            if !may_change(&arg) {
                let mut pending = false;
                proptest::prop_assert_eq!(s.scrub_arg(&arg, &mut pending), None);
                proptest::prop_assert!(!pending);
            }
        }
    }

    #[test]
    fn long_arguments_are_scrubbed_past_the_first_block() {
        let s = Scrubber::new(&[]);
        let long = format!("{} --token=abc", "a".repeat(200_000));
        assert_eq!(run(&s, &[&long]), [format!("{} --token=********", "a".repeat(200_000))]);
        assert_eq!(run(&s, &["a".repeat(100_000).as_str(), "x"]), ["a".repeat(100_000), "x".to_string()]);
    }

    #[test]
    fn the_users_own_words() {
        let s = Scrubber::new(&["License-Key".into()]);
        assert_eq!(
            run(&s, &["app", "--license_key=abc", "--LICENSE-KEY", "def"]),
            ["app", "--license_key=********", "--LICENSE-KEY", "********"]
        );
    }
}
