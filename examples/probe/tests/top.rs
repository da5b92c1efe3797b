//! `probe top` in a real terminal: tmux (which `make deps` installs) runs it in a detached
//! pane on a server of its own; keys go in with `send-keys`, the screen comes out with
//! `capture-pane`. It starts, sorts, filters, draws the tree, survives a resize, shows a
//! child process of this test by name and pid, and `q` quits with the terminal as it found
//! it (the same `stty -g` settings, the alternate screen left).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    dir: PathBuf,
    marker: Child,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs (make deps installs it: apt-get install tmux)");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "top"]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "top"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Waits until the screen satisfies `ok`; fails with the last screen after 30 s.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "waiting for {what}; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
        let _ = self.marker.kill();
        let _ = self.marker.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn top_starts_sorts_filters_quits_and_restores_the_terminal() {
    let dir = std::env::temp_dir().join(format!("libprobe-top-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A child with a name nothing else has: a copy of sleep called lp-top-marker.
    let sleep = dir.join("lp-top-marker");
    std::fs::copy("/bin/sleep", &sleep).unwrap();
    let marker = Command::new(&sleep).arg("120").spawn().unwrap();
    let pid = marker.id().to_string();
    let script = dir.join("run.sh");
    std::fs::write(
        &script,
        format!(
            "stty -g > before\n{} top --interval 0.3\necho \"exit=$?\" > exit\nstty -g > after\nsleep 60\n",
            env!("CARGO_BIN_EXE_probe")
        ),
    )
    .unwrap();
    let tmux = Tmux { socket: format!("libprobe-top-{}", std::process::id()), dir: dir.clone(), marker };
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "top",
        "-x",
        "150",
        "-y",
        "40",
        "-c",
        dir.to_str().unwrap(),
        &format!("sh {}", script.display()),
    ]);

    // Starts: bars, the table, the keys.
    tmux.wait("the first screen", |s| s.contains("PID") && s.contains("sort: cpu") && s.contains("q quit"));
    assert_eq!(
        String::from_utf8_lossy(&tmux.run(&["display", "-p", "-t", "top", "#{alternate_on}"]).stdout).trim(),
        "1"
    );

    // Sorts.
    tmux.keys(&["m"]);
    tmux.wait("sort by memory", |s| s.contains("sort: memory") && s.contains("RSS▼"));
    tmux.keys(&["p"]);
    tmux.wait("sort by pid", |s| s.contains("sort: pid") && s.contains("PID▼"));

    // Filters, and shows the known child with its pid.
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "lp-top-marker"]);
    tmux.keys(&["Enter"]);
    let s = tmux.wait("the filtered child", |s| s.contains("filter: lp-top-marker") && s.contains("(1 shown)"));
    let line = s.lines().find(|l| l.contains("lp-top-marker") && l.trim_start().starts_with(&pid));
    assert!(line.is_some(), "no row for pid {pid}:\n{s}");

    // Tree mode, then a smaller window.
    tmux.keys(&["/"]);
    tmux.keys(&["Enter"]);
    tmux.keys(&["t"]);
    tmux.wait("tree mode", |s| s.contains("tree") && !s.contains("(1 shown)"));
    tmux.run(&["resize-window", "-t", "top", "-x", "90", "-y", "24"]);
    tmux.wait("a redraw at 90x24", |s| s.contains("PID") && s.lines().count() <= 24);

    // The other views.
    tmux.keys(&["2"]);
    tmux.wait("the network view", |s| s.contains("sockets (") && s.contains("OWNER"));
    tmux.keys(&["3"]);
    tmux.wait("the devices view", |s| s.contains("== gpu") && s.contains("== storage"));

    // Quits, and the terminal is as it was.
    tmux.keys(&["q"]);
    assert_eq!(wait_file(&dir.join("exit")).trim(), "exit=0");
    let (before, after) = (wait_file(&dir.join("before")), wait_file(&dir.join("after")));
    assert_eq!(before, after, "stty settings before and after probe top");
    assert_eq!(
        String::from_utf8_lossy(&tmux.run(&["display", "-p", "-t", "top", "#{alternate_on}"]).stdout).trim(),
        "0"
    );
    assert_eq!(
        String::from_utf8_lossy(&tmux.run(&["display", "-p", "-t", "top", "#{cursor_flag}"]).stdout).trim(),
        "1"
    );
}
