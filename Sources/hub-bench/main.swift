// `make bench`: every benchmark prints ratios measured side by side in one run, because these
// machines' speed drifts by up to 2x within minutes.

print("hub benchmarks (ratios measured in this run)")
print("benchmark                                   measured                 reference                ratio")
print("------------------------------------------  -----------------------  -----------------------  -----")
