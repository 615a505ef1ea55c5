// An async fn with one await, and the state machine rustc makes of it written out by hand, with a
// tiny executor. std only. tests/rust.test.ts compiles and runs it: rustc --edition 2021 hand_written_future.rs
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

#[allow(dead_code)]
mod as_in_std {
    use std::pin::Pin;
    use std::task::Context;

    // #region trait
    pub trait Future {
        type Output;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>;
    }

    pub enum Poll<T> {
        Ready(T),
        Pending,
    }
    // #endregion trait
}

/// How many eggs went on the stove: futures do nothing until polled.
static STOVES_LIT: AtomicUsize = AtomicUsize::new(0);

/// A fry: ready `ms` after its first poll. A thread stands in for the stove and wakes the task.
pub struct Fry {
    egg: &'static str,
    ms: u64,
    stove: Option<Arc<Mutex<Stove>>>,
}

struct Stove {
    done: bool,
    waker: Option<Waker>,
}

pub fn fry(egg: &'static str, ms: u64) -> Fry {
    Fry { egg, ms, stove: None }
}

impl Future for Fry {
    type Output = String;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let (egg, ms) = (self.egg, self.ms);
        let stove = self.stove.get_or_insert_with(|| {
            STOVES_LIT.fetch_add(1, Ordering::SeqCst);
            let stove = Arc::new(Mutex::new(Stove { done: false, waker: None }));
            let shared = Arc::clone(&stove);
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(ms));
                let mut stove = shared.lock().unwrap();
                stove.done = true;
                if let Some(waker) = stove.waker.take() {
                    waker.wake();
                }
            });
            stove
        });
        let mut stove = stove.lock().unwrap();
        if stove.done {
            Poll::Ready(format!("egg {egg}"))
        } else {
            stove.waker = Some(cx.waker().clone()); // "poll me again when it's done"
            Poll::Pending
        }
    }
}

// #region async
async fn serve_one(ms: u64) -> String {
    let plate = fry("A", ms).await;
    format!("{plate}, served")
}
// #endregion async

// #region enum
/// serve_one by hand: a variant per place it can be
enum ServeOne {
    Unresumed { ms: u64 }, // never polled: the arguments
    Suspend0 { fry: Fry }, // at the await: the fry
    Returned,
}
// #endregion enum

// #region poll
impl Future for ServeOne {
    type Output = String;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        loop {
            match &mut *self {
                Self::Unresumed { ms } => {
                    let fry = fry("A", *ms);
                    *self = Self::Suspend0 { fry };
                }
                Self::Suspend0 { fry } => match Pin::new(fry).poll(cx) {
                    Poll::Pending => return Poll::Pending, // give the thread back
                    Poll::Ready(plate) => {
                        *self = Self::Returned;
                        return Poll::Ready(format!("{plate}, served"));
                    }
                },
                Self::Returned => panic!("polled after it returned Ready"),
            }
        }
    }
}
// #endregion poll

/// A waker that unparks the thread that runs block_on.
struct Unpark(thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

// #region executor
/// The smallest executor: poll; on Pending, sleep until woken.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => return value,
            Poll::Pending => thread::park(), // until wake(), or spuriously
        }
    }
}
// #endregion executor

fn main() {
    let by_compiler = serve_one(20);
    let by_hand = ServeOne::Unresumed { ms: 20 };
    println!("stoves lit before any poll: {}", STOVES_LIT.load(Ordering::SeqCst));
    println!("serve_one's future: {} bytes", std::mem::size_of_val(&by_compiler));
    println!("ServeOne: {} bytes", std::mem::size_of_val(&by_hand));
    println!("{}", block_on(by_compiler));
    println!("{}", block_on(by_hand));
    println!("stoves lit: {}", STOVES_LIT.load(Ordering::SeqCst));
}
