# Found by weft-fuzz (tests/corpus/lang/074_container_protocol.py without its IndexError): iterating
# an object whose __getitem__ never raises never ends, and `weft run` hangs.
class Deck:
    def __getitem__(self, i):
        return i

print(list(Deck()))
