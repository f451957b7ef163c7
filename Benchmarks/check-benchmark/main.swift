print("check-benchmark: not implemented yet")
