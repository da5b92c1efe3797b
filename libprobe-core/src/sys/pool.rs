//! The probe's worker threads: a few long-lived threads, created when a snapshot first
//! needs them, reused by every later snapshot, and joined when the probe is freed.
//!
//! A thread per snapshot made the caller's process grow: glibc gives each new thread an
//! arena, the short-lived threads took turns over up to 8 × cores of them, and each
//! arena kept its own free memory (a soak grew from 5.5 to 22 MiB of RSS over 6 000
//! snapshots while the live heap stayed at 6 MB; `MALLOC_ARENA_MAX=1` kept it flat). A
//! library cannot set that for its user's program; threads that live as long as the
//! probe each keep one arena, whose use repeats from one snapshot to the next.
//!
//! A worker left idle for [`Pool::IDLE_MAX`] ends (checked when a scope ends, and by
//! [`Pool::retire_idle`] at every snapshot, which may open no scope at all): a burst that
//! needed more threads than the steady state does not keep them for the program's life.
//! An hour's soak found the check at scope ends alone was not enough: after 1 000
//! processes came and went, snapshots of 80 no longer read in parallel, opened no scope,
//! and the worker the burst had started stayed, with its descriptors and its arena. Once
//! workers end, the free memory of the arenas goes back to the system.
//!
//! [`Pool::scope`] works as [`std::thread::scope`]: the jobs spawned in it may borrow from
//! the caller, and it returns only once every one of them has finished, panicked or not.
//! Each job runs on a worker taken from the pool for the whole scope (a new one when none
//! is idle), so scopes nested or opened from two threads never wait on each other.

use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// One thread and the queue it takes jobs from; it ends when the queue is dropped.
struct Worker {
    jobs: Sender<Job>,
    thread: JoinHandle<()>,
    /// When it last went back to the pool.
    idle_since: Instant,
}

impl Worker {
    fn spawn(name: &str) -> std::io::Result<Worker> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let thread = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            for job in queue {
                job();
            }
        })?;
        Ok(Worker { jobs, thread, idle_since: Instant::now() })
    }
}

/// Long-lived worker threads (none until a scope first spawns a job).
pub(crate) struct Pool {
    name: &'static str,
    /// Most recently used last.
    idle: Mutex<Vec<Worker>>,
    idle_max: Duration,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().map_or(0, |w| w.len());
        f.debug_struct("Pool").field("name", &self.name).field("idle", &idle).finish()
    }
}

impl Default for Pool {
    fn default() -> Pool {
        Pool::new("libprobe-worker")
    }
}

impl Pool {
    /// An empty pool whose threads will carry `name`.
    pub(crate) const fn new(name: &'static str) -> Pool {
        Pool { name, idle: Mutex::new(Vec::new()), idle_max: Pool::IDLE_MAX }
    }

    /// How long a worker may wait unused before it ends.
    pub(crate) const IDLE_MAX: Duration = Duration::from_secs(60);

    #[cfg(test)]
    fn with_idle_max(name: &'static str, idle_max: Duration) -> Pool {
        Pool { name, idle: Mutex::new(Vec::new()), idle_max }
    }

    /// Ends the workers idle for longer than [`Pool::IDLE_MAX`]; the probe calls it at every
    /// snapshot.
    pub(crate) fn retire_idle(&self) {
        self.give_back(Vec::new());
    }

    /// Puts `taken` back (most recently used last) and ends the workers idle too long.
    fn give_back(&self, taken: Vec<Worker>) {
        let now = Instant::now();
        let retired: Vec<Worker> = {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            idle.extend(taken.into_iter().map(|w| Worker { idle_since: now, ..w }));
            // The least recently used come first.
            let stale = idle.iter().take_while(|w| now.duration_since(w.idle_since) > self.idle_max).count();
            idle.drain(..stale).collect()
        };
        if retired.is_empty() {
            return;
        }
        for Worker { jobs, thread, .. } in retired {
            // An idle worker waits on its queue only: closing it ends the thread at once.
            drop(jobs);
            let _ = thread.join();
        }
        // A thread that ends leaves its arena to the next one, with the memory its cache
        // held freed into it: given back now, not resident until a thread reuses it.
        super::imp::release_free_memory();
    }

    /// Threads the pool holds between scopes.
    #[cfg(test)]
    pub(crate) fn threads(&self) -> usize {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Runs `f` with a [`Scope`] to spawn jobs on the pool's threads, and returns once every
    /// job spawned in it has finished. A panic in `f` is resumed after the jobs finished.
    pub(crate) fn scope<'env, R>(&self, f: impl FnOnce(&Scope<'_, 'env>) -> R) -> R {
        let scope = Scope {
            pool: self,
            taken: RefCell::new(Vec::new()),
            running: Arc::new(Running::default()),
            _env: PhantomData,
        };
        // `scope` waits for its jobs when dropped, also while unwinding out of `f`.
        f(&scope)
    }

    fn take(&self) -> std::io::Result<Worker> {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        idle.map_or_else(|| Worker::spawn(self.name), Ok)
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let idle = std::mem::take(self.idle.get_mut().unwrap_or_else(PoisonError::into_inner));
        for Worker { jobs, thread, .. } in idle {
            // An idle worker waits on its queue only: closing it ends the thread at once.
            drop(jobs);
            let _ = thread.join();
        }
    }
}

/// How many jobs of a scope have not finished yet.
#[derive(Default)]
struct Running {
    count: Mutex<usize>,
    changed: Condvar,
}

impl Running {
    fn add(&self) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
    }

    fn finish(&self) {
        let mut n = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        *n -= 1;
        if *n == 0 {
            self.changed.notify_all();
        }
    }

    fn wait(&self) {
        let mut n = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        while *n > 0 {
            n = self.changed.wait(n).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Spawns jobs that may borrow what outlives `'env` (see [`Pool::scope`]).
pub(crate) struct Scope<'p, 'env> {
    pool: &'p Pool,
    /// The workers this scope took; they go back to the pool when it ends.
    taken: RefCell<Vec<Worker>>,
    running: Arc<Running>,
    /// Invariant in `'env`, as [`std::thread::Scope`].
    _env: PhantomData<&'env mut &'env ()>,
}

impl<'env> Scope<'_, 'env> {
    /// Runs `f` on a worker of the pool. When no thread can be had, `f` runs here and now,
    /// so the work is done either way.
    pub(crate) fn spawn<T: Send + 'env>(&self, f: impl FnOnce() -> T + Send + 'env) -> Handle<T> {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = match self.pool.take() {
            Ok(w) => w,
            Err(_) => {
                let _ = tx.send(std::panic::catch_unwind(AssertUnwindSafe(f)));
                return Handle { result: rx, home: Home(None) };
            }
        };
        let job = move || {
            let r = std::panic::catch_unwind(AssertUnwindSafe(f));
            // Whatever borrows from `'env` (the closure, its result, the sender) is gone
            // before the scope is told this job finished.
            let _ = tx.send(r);
        };
        let home = match self.send(&worker, Box::new(job)) {
            true => {
                let mut taken = self.taken.borrow_mut();
                taken.push(worker);
                Home(Some(taken.len() - 1))
            }
            // The job ran here: its worker is of no use and is not kept.
            false => Home(None),
        };
        Handle { result: rx, home }
    }

    /// Drops `value` on the thread that ran the job `home` names (here when that job ran
    /// here), before the scope ends.
    ///
    /// What a job allocates comes from its thread's malloc arena. Freed on another thread,
    /// glibc keeps that memory in the first thread's arena (or the freeing thread's
    /// cache), and a pooled thread whose output the caller frees grows to the largest
    /// output it ever made and keeps it; freed on its own thread, the memory goes back
    /// to where it came from and is reused or trimmed there. A caller that copies what a
    /// job returned gives the original back with this.
    pub(crate) fn drop_on<T: Send + 'env>(&self, home: Home, value: T) {
        let taken = self.taken.borrow();
        match home.0.and_then(|i| taken.get(i)) {
            Some(worker) => {
                let job = move || {
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(move || drop(value)));
                };
                // A job that ran here instead (the worker gone) dropped the value here.
                self.send(worker, Box::new(job));
            }
            None => {
                drop(taken);
                drop(value);
            }
        }
    }

    /// Queues `job` on `worker`, counted as running until its last step. When the worker
    /// is gone (it cannot be: its thread only ends when its queue is dropped), the job
    /// runs here and the answer is false.
    fn send(&self, worker: &Worker, job: Box<dyn FnOnce() + Send + 'env>) -> bool {
        let running = self.running.clone();
        let job: Box<dyn FnOnce() + Send + 'env> = Box::new(move || {
            job();
            running.finish();
        });
        // SAFETY: only the lifetime changes. The job borrows from `'env` at most, and the
        // scope does not end before `running` says every job it sent has finished
        // (`Scope::drop`, which also runs while unwinding), and `finish` is the job's last
        // step, after everything it holds from `'env` was dropped (`job` above catches
        // the panics of what it runs, so it always returns).
        let job: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + 'env>, Job>(job) };
        self.running.add();
        match worker.jobs.send(job) {
            Ok(()) => true,
            Err(std::sync::mpsc::SendError(job)) => {
                job();
                false
            }
        }
    }
}

impl Drop for Scope<'_, '_> {
    fn drop(&mut self) {
        self.running.wait();
        let taken = std::mem::take(self.taken.get_mut());
        self.pool.give_back(taken);
    }
}

/// A job's result, to take with [`Handle::join`].
pub(crate) struct Handle<T> {
    result: Receiver<std::thread::Result<T>>,
    home: Home,
}

/// The thread a job ran on (see [`Scope::drop_on`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Home(Option<usize>);

impl<T> Handle<T> {
    /// Waits for the job: its result, or the payload of its panic.
    pub(crate) fn join(self) -> Result<T, Box<dyn Any + Send + 'static>> {
        self.join_home().0
    }

    /// Waits for the job: its result (as [`Handle::join`]) and the thread it ran on.
    pub(crate) fn join_home(self) -> (Result<T, Box<dyn Any + Send + 'static>>, Home) {
        let r = self.result.recv().unwrap_or_else(|_| Err(Box::new("the worker ended without an answer")));
        (r, self.home)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_borrow_and_threads_are_reused() {
        let pool = Pool::new("test-pool");
        let mut data = vec![1u64, 2, 3, 4];
        for round in 0..50u64 {
            let (head, tail) = data.split_at_mut(2);
            let sum = pool.scope(|s| {
                let hs: Vec<_> = tail
                    .iter_mut()
                    .map(|v| {
                        s.spawn(move || {
                            *v += 1;
                            *v
                        })
                    })
                    .collect();
                head[0] += 1;
                hs.into_iter().map(|h| h.join().unwrap()).sum::<u64>()
            });
            assert_eq!(sum, 3 + 4 + 2 * (round + 1));
            assert_eq!(pool.threads(), 2, "round {round}: the same two threads");
        }
        assert_eq!(data, vec![51, 2, 53, 54]);
    }

    #[test]
    fn a_panicking_job_is_an_error_and_its_thread_is_kept() {
        let pool = Pool::new("test-pool");
        let r = pool.scope(|s| s.spawn(|| -> u32 { panic!("job panics") }).join());
        assert!(r.is_err());
        assert_eq!(pool.scope(|s| s.spawn(|| 7).join().unwrap()), 7);
        assert_eq!(pool.threads(), 1);
    }

    #[test]
    fn the_scope_waits_for_jobs_nobody_joined() {
        let pool = Pool::new("test-pool");
        let done = std::sync::atomic::AtomicBool::new(false);
        pool.scope(|s| {
            s.spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(50));
                done.store(true, std::sync::atomic::Ordering::SeqCst);
            });
        });
        assert!(done.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn nested_scopes_take_their_own_workers() {
        let pool = Pool::new("test-pool");
        let n = pool.scope(|s| {
            let outer = s.spawn(|| pool.scope(|s2| s2.spawn(|| 5).join().unwrap()));
            outer.join().unwrap()
        });
        assert_eq!(n, 5);
        assert_eq!(pool.threads(), 2);
    }

    #[test]
    fn drop_on_frees_on_the_thread_that_made_the_value() {
        /// Tells which thread dropped it.
        struct Where(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Where {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let pool = Pool::new("test-pool");
        for _ in 0..3 {
            let (tx, rx) = std::sync::mpsc::channel();
            let made = pool.scope(|s| {
                let (r, home) = s.spawn(move || (Where(tx), std::thread::current().id())).join_home();
                let (value, made) = r.unwrap();
                s.drop_on(home, value);
                made
            });
            // The scope waited for the drop.
            let dropped = rx.try_recv().expect("dropped before the scope ended");
            assert_eq!(dropped, made);
            assert_ne!(dropped, std::thread::current().id());
            assert_eq!(pool.threads(), 1);
        }
    }

    #[test]
    fn workers_idle_too_long_end() {
        let pool = Pool::with_idle_max("test-pool", Duration::from_millis(100));
        // A burst takes three workers; afterwards one a scope is enough.
        pool.scope(|s| {
            let hs: Vec<_> = (0..3).map(|i| s.spawn(move || i)).collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum::<i32>()
        });
        assert_eq!(pool.threads(), 3);
        for _ in 0..4 {
            std::thread::sleep(Duration::from_millis(60));
            assert_eq!(pool.scope(|s| s.spawn(|| 1).join().unwrap()), 1);
        }
        assert_eq!(pool.threads(), 1, "the two unused workers ended");
    }

    #[test]
    fn idle_workers_end_without_another_scope() {
        let pool = Pool::with_idle_max("test-pool", Duration::from_millis(50));
        pool.scope(|s| {
            let hs: Vec<_> = (0..2).map(|i| s.spawn(move || i)).collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum::<i32>()
        });
        pool.retire_idle();
        assert_eq!(pool.threads(), 2, "not idle long enough yet");
        std::thread::sleep(Duration::from_millis(80));
        pool.retire_idle();
        assert_eq!(pool.threads(), 0, "the burst's workers ended though no scope opened since");
    }

    #[test]
    fn dropping_the_pool_joins_its_threads() {
        let pool = Pool::new("test-pool");
        let tid = pool.scope(|s| s.spawn(|| std::thread::current().id()).join().unwrap());
        assert_ne!(tid, std::thread::current().id());
        drop(pool);
    }
}
