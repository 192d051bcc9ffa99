# weft's threading module: CPython's Lib/threading.py semantics on weft's native locks and threads.
import _weft
from _weft import Lock, RLock
from collections import deque as _deque

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread', 'enumerate', 'main_thread',
           'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread', 'Barrier',
           'BrokenBarrierError', 'Timer', 'ThreadError', 'excepthook', 'ExceptHookArgs', 'local',
           'get_native_id']

TIMEOUT_MAX = 9223372036.0
ThreadError = RuntimeError
# The live threads. Starting and ending a thread change it and enumerate()/active_count() read
# it: _weft.start(), _weft.threads_changed() and _weft.observe_threads() are the scheduling
# points that order them, as CPython's _active_limbo_lock does.
_active = []
_counter = 0
_shutdown_hooks = []


def _newname(name_template):
    global _counter
    _counter += 1
    return name_template % _counter


def get_ident():
    return _weft.ident()


def get_native_id():
    return _weft.ident()


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = _deque()
        self._weft_lost_notify = 0
        self._weft_lost_call = 'notify()'
        self._weft_wakeups = 0

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        if hasattr(self._lock, "_release_save") and type(self._lock).__name__ == "RLock":
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, x):
        if x is not None:
            self._lock._acquire_restore(x)
        else:
            self._lock.acquire()

    def _is_owned(self):
        if type(self._lock).__name__ == "RLock":
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        while True:
            gotit = self._wait_once(timeout)
            if not (gotit and _NOTIFY_ANY):
                return gotit
            # --notify=any: a notify woke every waiter; the first to re-take the lock use up the
            # wakeups it granted (a lock race, so the scheduler decides who), the others wait again.
            if self._weft_wakeups > 0:
                self._weft_wakeups -= 1
                return gotit

    def _wait_once(self, timeout):
        waiter = _weft.internal_lock(self._lock)
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                if _SPURIOUS_WAKEUPS:
                    # --spurious-wakeups: the wait may end at any point without a notify.
                    waiter.acquire(True, 0)
                else:
                    waiter.acquire()
                gotit = True
            else:
                if timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit or _SPURIOUS_WAKEUPS:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _weft.monotonic() + waittime
                else:
                    waittime = endtime - _weft.monotonic()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        if not waiters and n > 0:
            self._weft_lost_notify = _weft.caller_line()
            self._weft_lost_call = 'notify()'
        if _NOTIFY_ANY and waiters and n > 0:
            self._weft_wakeups += min(n, len(waiters))
            for waiter in list(waiters):
                waiter.release()
            waiters.clear()
            return
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        if not self._waiters and self._is_owned():
            self._weft_lost_notify = _weft.caller_line()
            self._weft_lost_call = 'notify_all()'
        self.notify(len(self._waiters))

    def notifyAll(self):
        self.notify_all()


_NOTIFY_ANY = _weft.option("notify_any")
_SPURIOUS_WAKEUPS = _weft.option("spurious_wakeups")


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(_weft.internal_lock(self))
        self._value = value

    def __repr__(self):
        return "<threading.Semaphore at 0x%x: value=%d>" % (id(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _weft.monotonic() + timeout
                    else:
                        timeout = endtime - _weft.monotonic()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        return "<threading.BoundedSemaphore at 0x%x: value=%d/%d>" % (id(self), self._value, self._initial_value)

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    def __init__(self):
        self._cond = Condition(_weft.internal_lock(self))
        self._flag = False

    def __repr__(self):
        return "<threading.Event at 0x%x: %s>" % (id(self), "set" if self._flag else "unset")

    def is_set(self):
        _weft.hb_acquire(self)
        return self._flag

    def isSet(self):
        return self.is_set()

    def set(self):
        with self._cond:
            _weft.hb_release(self)
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


BrokenBarrierError.__module__ = "threading"


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(_weft.internal_lock(self))
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def __repr__(self):
        if self.broken:
            return "<threading.Barrier at 0x%x: broken>" % id(self)
        return "<threading.Barrier at 0x%x: waiters=%d/%d>" % (id(self), self.n_waiting, self.parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 0

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 1

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    # CPython reads these without the lock; weft takes it, so that the read is ordered with the
    # waiters' updates (a scheduling point the explorer sees), which CPython's GIL also gives.
    @property
    def n_waiting(self):
        with self._cond:
            if self._state == 0:
                return self._count
            return 0

    @property
    def broken(self):
        with self._cond:
            return self._state == -2


class ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    _weft.print_exception(args.exc_value, "Exception in thread %s:\n" % name)


__excepthook__ = excepthook


class Thread:
    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._started = False
        self._is_stopped = False
        self._initialized = True

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started:
            status = "started"
        if self._is_stopped or (self._started and not self.is_alive()):
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        # One step: the start announces the change to the set of live threads, and the list
        # that enumerate() reads changes in the same step.
        _weft.start(self, self._bootstrap, self._daemonic)
        _active.append(self)

    def _bootstrap(self):
        self._ident = _weft.ident(self)
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as exc:
            excepthook(ExceptHookArgs(type(exc), exc, None, self))
        finally:
            self._is_stopped = True
            _weft.threads_changed()
            if self in _active:
                _active.remove(self)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is not None:
            timeout = max(timeout, 0)
        _weft.join(self, timeout)

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        if not self._started:
            return False
        return _weft.is_alive(self)

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = _weft.ident()
        _active.append(self)


class local:
    def __init__(self, *args, **kwargs):
        if (args or kwargs) and type(self) is local:
            raise TypeError("Initialization arguments are not supported")
        object.__setattr__(self, "_weft_per_thread", {})

    def __getattr__(self, name):
        d = object.__getattribute__(self, "_weft_per_thread") if False else self.__dict__["_weft_per_thread"]
        mine = d.get(get_ident())
        if mine is None or name not in mine:
            raise AttributeError("'_thread._local' object has no attribute '%s'" % name)
        return mine[name]

    def __setattr__(self, name, value):
        d = self.__dict__["_weft_per_thread"]
        d.setdefault(get_ident(), {})[name] = value


def current_thread():
    t = _weft.current()
    if t is None:
        return _main_thread
    return t


currentThread = current_thread


def main_thread():
    return _main_thread


def enumerate():
    _weft.observe_threads()
    return list(_active)


def active_count():
    _weft.observe_threads()
    return len(_active)


activeCount = active_count


def _register_atexit(func, *arg, **kwargs):
    _shutdown_hooks.append((func, arg, kwargs))


def _shutdown():
    for func, arg, kwargs in reversed(_shutdown_hooks):
        func(*arg, **kwargs)
    _main_thread._is_stopped = True
    while True:
        _weft.observe_threads()
        pending = [t for t in _active
                   if t is not _main_thread and not t._daemonic and t._started]
        if not pending:
            break
        pending[0].join()


_main_thread = _MainThread()
_weft.register(_main_thread)
