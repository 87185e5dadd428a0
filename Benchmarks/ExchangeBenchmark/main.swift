// exchange-benchmark: venue events per second (filled in with the venue).
print("exchange-benchmark: not built yet")
