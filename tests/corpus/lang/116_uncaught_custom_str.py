# Ends with a user exception that has custom __init__ and __str__.
# expect: uncaught HttpError
class HttpError(Exception):
    def __init__(self, status, reason):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
    def __str__(self):
        return f"HTTP {self.status}: {self.reason}"
def fetch(path):
    if path != "/":
        raise HttpError(404, "not found " + path)
    return "index"
print(fetch("/"))
fetch("/missing")
