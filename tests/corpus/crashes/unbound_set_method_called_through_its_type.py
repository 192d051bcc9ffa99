try:type({1}).difference({2},())
except:p