//! The processes one launch starts (tauri-driver, the WebKitWebDriver it starts, the app that
//! one starts, and the app's web processes), read from /proc, and stopped by their ids only.

use std::{
    collections::VecDeque,
    fs,
    time::{Duration, Instant},
};

/// One process, told apart from a later one given the same id by its start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proc {
    pub pid: u32,
    start: u64,
}

/// The state letter and start time (in clock ticks since boot) of `/proc/<pid>/stat`.
fn stat(pid: u32) -> Option<(char, u64)> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold spaces and parentheses: read after the last one.
    let fields: Vec<&str> = text.rsplit_once(") ")?.1.split(' ').collect();
    let state = fields.first()?.chars().next()?;
    // Field 22 of the whole line is the 20th after the name.
    let start = fields.get(19)?.parse().ok()?;
    Some((state, start))
}

impl Proc {
    pub fn of(pid: u32) -> Option<Proc> {
        stat(pid).map(|(_, start)| Proc { pid, start })
    }

    /// Whether this very process still runs (an exited child that nobody has reaped yet, a
    /// zombie, does not).
    pub fn is_running(&self) -> bool {
        matches!(stat(self.pid), Some((state, start)) if start == self.start && !matches!(state, 'Z' | 'X'))
    }

    /// Sends `signal`, if this very process still runs; never to a group, never below pid 2.
    #[cfg(unix)]
    fn signal(&self, signal: nix::sys::signal::Signal) {
        if self.pid > 1 && self.is_running() {
            if let Ok(pid) = i32::try_from(self.pid) {
                let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
            }
        }
    }
}

/// The processes `pid` started that still run (from each thread's `children` list).
pub fn children(pid: u32) -> Vec<Proc> {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect::<Vec<u32>>()
        })
        .filter_map(Proc::of)
        .collect()
}

/// Everything `pid` started, and what those started, down the tree (`pid` itself excluded).
pub fn descendants(pid: u32) -> Vec<Proc> {
    let mut found = Vec::new();
    let mut queue = VecDeque::from([pid]);
    while let Some(parent) = queue.pop_front() {
        for child in children(parent) {
            if !found.contains(&child) {
                queue.push_back(child.pid);
                found.push(child);
            }
        }
    }
    found
}

/// Whether process `pid` holds the socket listening on 127.0.0.1:`port` (so that a driver that
/// answers on a port is known to be ours, not another program's that took the port).
pub fn listens_on(pid: u32, port: u16) -> bool {
    let Ok(table) = fs::read_to_string("/proc/net/tcp") else {
        return false;
    };
    // Lines read "sl local_address rem_address st … inode"; 0100007F is 127.0.0.1, 0A is LISTEN.
    let local = format!("0100007F:{port:04X}");
    let inodes: Vec<String> = table
        .lines()
        .skip(1)
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f.len() > 9 && f[1] == local && f[3] == "0A")
        .map(|f| format!("socket:[{}]", f[9]))
        .collect();
    if inodes.is_empty() {
        return false;
    }
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten()
        .filter_map(|fd| fs::read_link(fd.path()).ok())
        .any(|target| {
            inodes
                .iter()
                .any(|inode| target.as_os_str() == inode.as_str())
        })
}

/// Whether every one of `procs` has ended.
pub fn all_ended(procs: &[Proc]) -> bool {
    procs.iter().all(|p| !p.is_running())
}

/// Asks `procs` to end (SIGTERM), waits up to `grace` for them to, then kills what is left.
/// Blocking: it also runs from `Drop`.
pub fn terminate(procs: &[Proc], grace: Duration) {
    #[cfg(unix)]
    {
        use nix::sys::signal::Signal;
        procs.iter().for_each(|p| p.signal(Signal::SIGTERM));
        let deadline = Instant::now() + grace;
        while !all_ended(procs) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        procs.iter().for_each(|p| p.signal(Signal::SIGKILL));
    }
    #[cfg(not(unix))]
    let _ = (procs, grace, Instant::now());
}
