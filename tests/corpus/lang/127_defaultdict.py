# collections.defaultdict.
# expect: exit 0
from collections import defaultdict
groups = defaultdict(list)
for word in ["apple", "bat", "avocado", "cat", "banana", "apricot"]:
    groups[word[0]].append(word)
print(dict(groups))
print(groups["a"], groups["z"], "z" in groups, len(groups))
counts = defaultdict(int)
for ch in "hello world":
    counts[ch] += 1
print(sorted(counts.items()))
print(counts["missing"], counts.get("other"), "other" in counts)
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
nested["x"]["z"] += 1
print({k: dict(v) for k, v in nested.items()})
sets = defaultdict(set)
sets["k"].add(3)
sets["k"].add(1)
print(sorted(sets["k"]))
dd = defaultdict(list, {"pre": [1]})
dd["pre"].append(2)
print(dd)
print(isinstance(dd, dict), dd.default_factory is list)
graph = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 3)]:
    graph[a].append(b)
    graph[b].append(a)
for node in sorted(graph):
    print(node, graph[node])
