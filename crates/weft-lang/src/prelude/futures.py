# weft's concurrent.futures (threads): CPython's Lib/concurrent/futures semantics on the prelude.
import threading
import queue
import _weft

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
_FINISHED = 'FINISHED'


class Error(Exception):
    pass


class CancelledError(Error):
    __module__ = "concurrent.futures._base"


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


TimeoutError = TimeoutError


_STATE_TO_DESCRIPTION_MAP = {
    _PENDING: "pending",
    _RUNNING: "running",
    _CANCELLED: "cancelled",
    _CANCELLED_AND_NOTIFIED: "cancelled",
    _FINISHED: "finished"
}
_AS_COMPLETED = '_AS_COMPLETED'


def _log_callback_exception(exc, future):
    # logging's last-resort handler: the message, then the traceback, on stderr.
    _weft.print_exception(exc, 'exception calling callback for %r\n' % (future,), False)


class _Waiter:
    def __init__(self):
        self.event = threading.Event()
        self.finished_futures = []

    def add_result(self, future):
        self.finished_futures.append(future)

    def add_exception(self, future):
        self.finished_futures.append(future)

    def add_cancelled(self, future):
        self.finished_futures.append(future)


class _AsCompletedWaiter(_Waiter):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def add_result(self, future):
        with self.lock:
            super().add_result(future)
            self.event.set()

    def add_exception(self, future):
        with self.lock:
            super().add_exception(future)
            self.event.set()

    def add_cancelled(self, future):
        with self.lock:
            super().add_cancelled(future)
            self.event.set()


class _FirstCompletedWaiter(_Waiter):
    def add_result(self, future):
        super().add_result(future)
        self.event.set()

    def add_exception(self, future):
        super().add_exception(future)
        self.event.set()

    def add_cancelled(self, future):
        super().add_cancelled(future)
        self.event.set()


class _AllCompletedWaiter(_Waiter):
    def __init__(self, num_pending_calls, stop_on_exception):
        self.num_pending_calls = num_pending_calls
        self.stop_on_exception = stop_on_exception
        self.lock = threading.Lock()
        super().__init__()

    def _decrement_pending_calls(self):
        with self.lock:
            self.num_pending_calls -= 1
            if not self.num_pending_calls:
                self.event.set()

    def add_result(self, future):
        super().add_result(future)
        self._decrement_pending_calls()

    def add_exception(self, future):
        super().add_exception(future)
        if self.stop_on_exception:
            self.event.set()
        else:
            self._decrement_pending_calls()

    def add_cancelled(self, future):
        super().add_cancelled(future)
        self._decrement_pending_calls()


class _AcquireFutures:
    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _create_and_install_waiters(fs, return_when):
    if return_when == _AS_COMPLETED:
        waiter = _AsCompletedWaiter()
    elif return_when == FIRST_COMPLETED:
        waiter = _FirstCompletedWaiter()
    else:
        pending_count = sum(
            f._state not in [_CANCELLED_AND_NOTIFIED, _FINISHED] for f in fs)
        if return_when == FIRST_EXCEPTION:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=True)
        elif return_when == ALL_COMPLETED:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=False)
        else:
            raise ValueError("Invalid return condition: %r" % return_when)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


def _yield_finished_futures(fs, waiter, ref_collect):
    while fs:
        f = fs[-1]
        for futures_set in ref_collect:
            futures_set.remove(f)
        with f._condition:
            f._waiters.remove(waiter)
        del f
        yield fs.pop()


def as_completed(fs, timeout=None):
    if timeout is not None:
        end_time = timeout + _weft.monotonic()
    fs = set(fs)
    total_futures = len(fs)
    with _AcquireFutures(fs):
        finished = set(
            f for f in fs
            if f._state in [_CANCELLED_AND_NOTIFIED, _FINISHED])
        pending = fs - finished
        waiter = _create_and_install_waiters(fs, _AS_COMPLETED)
    finished = list(finished)
    try:
        for f in _yield_finished_futures(finished, waiter, ref_collect=(fs,)):
            yield f
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - _weft.monotonic()
                # CPython tests `< 0`; on the virtual clock, which does not move while a thread
                # polls, a remaining time of exactly 0 would poll forever.
                if wait_timeout <= 0:
                    raise TimeoutError(
                        '%d (of %d) futures unfinished' % (
                            len(pending), total_futures))
            waiter.event.wait(wait_timeout)
            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()
            # reverse to keep finishing order
            finished.reverse()
            for f in _yield_finished_futures(finished, waiter, ref_collect=(fs, pending)):
                yield f
    finally:
        # Remove waiter from unfinished futures
        for f in fs:
            with f._condition:
                f._waiters.remove(waiter)


class DoneAndNotDoneFutures:
    # collections.namedtuple('DoneAndNotDoneFutures', 'done not_done'), written out.
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return 'DoneAndNotDoneFutures(done=%r, not_done=%r)' % (self.done, self.not_done)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    with _AcquireFutures(fs):
        done = {f for f in fs
                if f._state in [_CANCELLED_AND_NOTIFIED, _FINISHED]}
        not_done = fs - done
        if (return_when == FIRST_COMPLETED) and done:
            return DoneAndNotDoneFutures(done, not_done)
        elif (return_when == FIRST_EXCEPTION) and done:
            if any(f for f in done
                   if not f.cancelled() and f.exception() is not None):
                return DoneAndNotDoneFutures(done, not_done)
        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)
        waiter = _create_and_install_waiters(fs, return_when)
    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            f._waiters.remove(waiter)
    done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        try:
            return fut.result(timeout)
        finally:
            fut.cancel()
    finally:
        del fut


class Future:
    def __init__(self):
        self._condition = threading.Condition(_weft.internal_lock(self, True))
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                _log_callback_exception(exc, self)

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return '<%s at %#x state=%s raised %s>' % (
                        self.__class__.__name__,
                        id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                else:
                    return '<%s at %#x state=%s returned %s>' % (
                        self.__class__.__name__,
                        id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._result.__class__.__name__)
            return '<%s at %#x state=%s>' % (
                self.__class__.__name__,
                id(self),
                _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        with self._condition:
            if self._state in [_RUNNING, _FINISHED]:
                return False
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
            _weft.hb_release(self._condition._lock)
        self._invoke_callbacks()
        return True

    # The queries only read: one step each that reads the future (two queries commute), after
    # the last change by the edge the changes publish, where CPython's take the condition's lock.
    def cancelled(self):
        _weft.hb_acquire(self._condition._lock)
        return self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]

    def running(self):
        _weft.hb_acquire(self._condition._lock)
        return self._state == _RUNNING

    def done(self):
        _weft.hb_acquire(self._condition._lock)
        return self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]

    def __get_result(self):
        if self._exception:
            raise self._exception
        else:
            return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            _log_callback_exception(exc, self)

    def result(self, timeout=None):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == _FINISHED:
                return self.__get_result()
            self._condition.wait(timeout)
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == _FINISHED:
                return self.__get_result()
            else:
                raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == _FINISHED:
                return self._exception
            else:
                raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                _weft.hb_release(self._condition._lock)
                return False
            elif self._state == _PENDING:
                self._state = _RUNNING
                _weft.hb_release(self._condition._lock)
                return True
            else:
                raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if self._state in {_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED}:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
            _weft.hb_release(self._condition._lock)
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in {_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED}:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
            _weft.hb_release(self._condition._lock)
        self._invoke_callbacks()


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


_shutdown = False
_executors = []
_joined_executors = []


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as exc:
            _weft.print_exception(exc, 'Exception in initializer:\n', False)
            executor._initializer_failed()
            return
    while True:
        try:
            work_item = work_queue.get_nowait()
        except queue.Empty:
            # attempt to increment idle count if queue is empty
            executor._idle_semaphore.release()
            work_item = work_queue.get(block=True)
        if work_item is not None:
            work_item.run()
            del work_item
            continue
        if _shutdown or executor._shutdown:
            executor._shutdown = True
            work_queue.put(None)
            return


class BrokenThreadPool(BrokenExecutor):
    __module__ = "concurrent.futures.thread"


class ThreadPoolExecutor:
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if max_workers is None:
            max_workers = 6
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = _weft.internal_lock(self)
        # The work queue and the idle count are the executor's state: one step of `submit`
        # covers them with the shutdown lock.
        _weft.set_owner(self._work_queue._mutex, self)
        _weft.set_owner(self._idle_semaphore._cond._lock, self)
        if not thread_name_prefix:
            thread_name_prefix = "ThreadPoolExecutor-%d" % ThreadPoolExecutor._counter
            ThreadPoolExecutor._counter += 1
        self._thread_name_prefix = thread_name_prefix
        self._initializer = initializer
        self._initargs = initargs
        _executors.append(self)

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _shutdown:
                raise RuntimeError('cannot schedule new futures after interpreter shutdown')
            f = Future()
            w = _WorkItem(f, fn, args, kwargs)
            self._work_queue.put(w)
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = '%s_%d' % (self._thread_name_prefix, num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self, self._work_queue, self._initializer, self._initargs))
            t.start()
            self._threads.append(t)

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    work_item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if work_item is not None:
                    work_item.future.set_exception(BrokenThreadPool(self._broken))

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + _weft.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - _weft.monotonic())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()
            # Every worker has ended: the exit hook has nothing left to do for this pool
            # (CPython's still puts a None in its queue and joins the ended threads, which
            # nobody can observe).
            _joined_executors.append(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


def _python_exit():
    global _shutdown
    _shutdown = True
    live = [e for e in _executors if not any(e is j for j in _joined_executors)]
    for e in live:
        e._work_queue.put(None)
    for e in live:
        for t in e._threads:
            t.join()


threading._register_atexit(_python_exit)
