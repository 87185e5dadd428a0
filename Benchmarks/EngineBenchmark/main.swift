import PropertyCheck
print("engine benchmark: not yet")
