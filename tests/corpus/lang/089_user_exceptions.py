# User-defined exception classes.
# expect: exit 0
class AppError(Exception):
    pass
class NotFound(AppError):
    pass
class ValidationError(AppError):
    def __init__(self, field, reason):
        super().__init__(field, reason)
        self.field = field
        self.reason = reason
    def __str__(self):
        return f"{self.field}: {self.reason}"
class Plain(Exception):
    pass
try:
    raise Plain
except Plain as e:
    print("Plain", repr(e), str(e) == "", e.args)
try:
    raise Plain()
except Plain as e:
    print("Plain()", repr(e), e.args)
try:
    raise NotFound("user 42")
except AppError as e:
    print(type(e).__name__, e, e.args, repr(e))
try:
    raise ValidationError("email", "missing @")
except AppError as e:
    print(type(e).__name__, e, e.field, e.reason, e.args)
try:
    raise AppError("a", 1, None)
except Exception as e:
    print(e, e.args, repr(e))
class CodeError(Exception):
    def __init__(self, code):
        self.code = code
try:
    raise CodeError(404)
except CodeError as e:
    print(e.code, e.args, str(e))
print(issubclass(NotFound, AppError), issubclass(ValidationError, Exception), isinstance(NotFound(), AppError))
def check(n):
    if n < 0:
        raise ValidationError("n", "negative")
    if n == 0:
        raise NotFound("zero")
    return n
for n in [1, 0, -1]:
    try:
        print("ok", check(n))
    except ValidationError as e:
        print("validation", e)
    except NotFound as e:
        print("notfound", e)
