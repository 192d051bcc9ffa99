try:
    type(BaseException()).__init__({})
except TypeError as e:
    print(e)
