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

type Job = Box<dyn FnOnce() + Send + 'static>;

/// One thread and the queue it takes jobs from; it ends when the queue is dropped.
struct Worker {
    jobs: Sender<Job>,
    thread: JoinHandle<()>,
}

impl Worker {
    fn spawn(name: &str) -> std::io::Result<Worker> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let thread = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            for job in queue {
                job();
            }
        })?;
        Ok(Worker { jobs, thread })
    }
}

/// Long-lived worker threads (none until a scope first spawns a job).
pub(crate) struct Pool {
    name: &'static str,
    idle: Mutex<Vec<Worker>>,
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
        Pool { name, idle: Mutex::new(Vec::new()) }
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
        for Worker { jobs, thread } in idle {
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
        let worker = match self.pool.take() {
            Ok(w) => w,
            Err(_) => {
                let (tx, rx) = std::sync::mpsc::channel();
                let _ = tx.send(std::panic::catch_unwind(AssertUnwindSafe(f)));
                return Handle { result: rx };
            }
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let running = self.running.clone();
        let job = move || {
            let r = std::panic::catch_unwind(AssertUnwindSafe(f));
            // Whatever borrows from `'env` (the closure, its result, the sender) is gone
            // before the scope is told this job finished.
            let _ = tx.send(r);
            drop(tx);
            running.finish();
        };
        let job: Box<dyn FnOnce() + Send + 'env> = Box::new(job);
        // SAFETY: only the lifetime changes. The job borrows from `'env` at most, and the
        // scope does not end before `running` says every job it sent has finished
        // (`Scope::drop`, which also runs while unwinding), and `finish` is the job's last
        // step, after everything it holds from `'env` was dropped.
        let job: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + 'env>, Job>(job) };
        self.running.add();
        match worker.jobs.send(job) {
            Ok(()) => self.taken.borrow_mut().push(worker),
            Err(std::sync::mpsc::SendError(job)) => {
                // The worker's thread is gone (it cannot be: it only ends when its queue
                // is dropped); the job runs here instead.
                job();
            }
        }
        Handle { result: rx }
    }
}

impl Drop for Scope<'_, '_> {
    fn drop(&mut self) {
        self.running.wait();
        let taken = std::mem::take(self.taken.get_mut());
        self.pool.idle.lock().unwrap_or_else(PoisonError::into_inner).extend(taken);
    }
}

/// A job's result, to take with [`Handle::join`].
pub(crate) struct Handle<T> {
    result: Receiver<std::thread::Result<T>>,
}

impl<T> Handle<T> {
    /// Waits for the job: its result, or the payload of its panic.
    pub(crate) fn join(self) -> Result<T, Box<dyn Any + Send + 'static>> {
        self.result.recv().unwrap_or_else(|_| Err(Box::new("the worker ended without an answer")))
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
    fn dropping_the_pool_joins_its_threads() {
        let pool = Pool::new("test-pool");
        let tid = pool.scope(|s| s.spawn(|| std::thread::current().id()).join().unwrap());
        assert_ne!(tid, std::thread::current().id());
        drop(pool);
    }
}
