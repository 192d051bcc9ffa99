# weft's queue module: CPython's Lib/queue.py semantics on weft's threading prelude.
import threading
import _weft
from collections import deque
from threading import Condition

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Empty(Exception):
    __module__ = "_queue"


class Full(Exception):
    __module__ = "queue"


class Queue:
    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = _weft.internal_lock(self)
        self.not_empty = Condition(self.mutex)
        self.not_full = Condition(self.mutex)
        self.all_tasks_done = Condition(self.mutex)
        self.unfinished_tasks = 0

    def task_done(self):
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished <= 0:
                if unfinished < 0:
                    raise ValueError('task_done() called too many times')
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished
            _weft.hb_release(self.mutex)

    def join(self):
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    # The queries only read: each is one step that reads the queue (two queries commute), ordered
    # after the last change by the happens-before edge the changes publish (_weft.hb_release),
    # where CPython's take the mutex.
    def qsize(self):
        _weft.hb_acquire(self.mutex)
        return self._qsize()

    def empty(self):
        _weft.hb_acquire(self.mutex)
        return not self._qsize()

    def full(self):
        _weft.hb_acquire(self.mutex)
        return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    endtime = _weft.monotonic() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = endtime - _weft.monotonic()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()
            _weft.hb_release(self.mutex)

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = _weft.monotonic() + timeout
                while not self._qsize():
                    remaining = endtime - _weft.monotonic()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            self.not_full.notify()
            _weft.hb_release(self.mutex)
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)
        self.queue.sort()

    def _get(self):
        return self.queue.pop(0)


class LifoQueue(Queue):
    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    # The C type _queue.SimpleQueue: no arguments, no task_done/join/full/maxsize.
    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError("SimpleQueue() takes no positional arguments")
        if kwargs:
            raise TypeError("SimpleQueue() takes no keyword arguments")
        self._queue = deque()
        self._mutex = _weft.internal_lock(self)
        self._not_empty = Condition(self._mutex)

    def put(self, item, block=True, timeout=None):
        with self._not_empty:
            self._queue.append(item)
            self._not_empty.notify()
            _weft.hb_release(self._mutex)

    def get(self, block=True, timeout=None):
        with self._not_empty:
            if not block:
                if not self._queue:
                    raise Empty
            elif timeout is None:
                while not self._queue:
                    self._not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = _weft.monotonic() + timeout
                while not self._queue:
                    remaining = endtime - _weft.monotonic()
                    if remaining <= 0.0:
                        raise Empty
                    self._not_empty.wait(remaining)
            item = self._queue.popleft()
            _weft.hb_release(self._mutex)
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        _weft.hb_acquire(self._mutex)
        return len(self._queue) == 0

    def qsize(self):
        _weft.hb_acquire(self._mutex)
        return len(self._queue)

    def __getattr__(self, name):
        raise AttributeError("'_queue.SimpleQueue' object has no attribute '%s'" % name)
