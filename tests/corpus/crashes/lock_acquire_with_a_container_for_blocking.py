import threading
try:threading.Lock().acquire({})
except:pass
