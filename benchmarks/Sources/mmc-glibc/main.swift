import Workloads

ReplicaTool.main(allocator: "glibc")
